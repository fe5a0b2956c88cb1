import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, AccessRule } from 'src/platform/http/access.decorators';
import { TestApp } from 'test/support/test-app';

export interface RouteInfo {
  method: string;
  path: string;
  handler: string;
  rule: AccessRule | undefined;
}

const joinPath = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`;

/** Every HTTP route of the application with its declared access rule, read from Nest's metadata. */
export function listRoutes(t: TestApp): RouteInfo[] {
  const discovery = new DiscoveryService(t.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    const proto = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(proto)) {
      const fn = (proto as Record<string, unknown>)[name] as object;
      const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
      if (method === undefined) continue;
      const paths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, fn) ?? '');
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [fn as () => void, metatype]);
      for (const prefix of prefixes) {
        for (const p of paths) {
          routes.push({ method: RequestMethod[method], path: joinPath(prefix, p), handler: `${metatype.name}.${name}`, rule });
        }
      }
    }
  }
  return routes;
}

/** A concrete URL for a route pattern: path parameters become a syntactically valid id. */
export function concretePath(pattern: string): string {
  return pattern.replace(/:[A-Za-z]+/g, '2b1f7a9e-5d0c-4c4e-9b8a-1f2e3d4c5b6a');
}
