// Homomorphic questions (specification "Questions"): {"answers","blank"?,"min","max","question"}.
// NonHomomorphic and 3.x Lists questions are not used by hybrid-ballot and are refused.
import { asArray, asBoolean, asInt, asObject, asString, expectFields, jsonString, type Json } from 'src/crypto/encoding/json';
import { CryptoError } from 'src/crypto/errors';

export interface Question {
  answers: string[];
  /** Blank vote allowed: choices get a leading blank flag. */
  blank: boolean;
  min: number;
  max: number;
  question: string;
}

export function parseQuestion(v: Json | undefined, path: string): Question {
  const o = asObject(v, path);
  if ('type' in o) throw new CryptoError('unsupported', `${path}.type`, `question type ${JSON.stringify(o.type)} is not supported (homomorphic only)`);
  expectFields(o, path, ['answers', 'min', 'max', 'question'], ['blank']);
  const answers = asArray(o.answers, `${path}.answers`).map((a, i) => asString(a, `${path}.answers[${i}]`));
  const blank = o.blank === undefined ? false : asBoolean(o.blank, `${path}.blank`);
  const min = asInt(o.min, `${path}.min`);
  const max = asInt(o.max, `${path}.max`);
  if (answers.length === 0) throw new CryptoError('invalid_structure', `${path}.answers`, 'a question needs at least one answer');
  if (min > max || max > answers.length) {
    throw new CryptoError('invalid_structure', path, `need 0 ≤ min ≤ max ≤ number of answers (min ${min}, max ${max})`);
  }
  return { answers, blank, min, max, question: asString(o.question, `${path}.question`) };
}

export function serializeQuestion(q: Question): string {
  const blank = q.blank ? ',"blank":true' : '';
  return `{"answers":[${q.answers.map(jsonString).join(',')}]${blank},"min":${q.min},"max":${q.max},"question":${jsonString(q.question)}}`;
}

/** Number of ciphertexts in an answer: one per answer, plus the blank flag when allowed. */
export function choiceCount(q: Question): number {
  return q.answers.length + (q.blank ? 1 : 0);
}
