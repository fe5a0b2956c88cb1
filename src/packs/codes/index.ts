export * from 'src/packs/codes/code-errors';
export { ALPHABET, type RandomSource } from 'src/packs/codes/crockford';
export * from 'src/packs/codes/voting-id';
export * from 'src/packs/codes/identity-code';
export * from 'src/packs/codes/paper-id';
