/**
 * `build_images`: builds the backend and frontend images into Minikube's Docker daemon
 * (through `minikube docker-env`, or `minikube image build` without a docker CLI), tagged
 * by a hash of their sources so the chart never runs `:latest`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { formatDuration, guard } from './common.js';
import { type DisplayBlock, fail, ok, onFirstUse, type ToolResult } from './contract.js';
import type { OpsContext, OpsTool } from './deps.js';
import { COMPONENTS, type Component } from './names.js';

/** One built image. */
export const builtImageSchema = onFirstUse(() =>
  z.object({
    component: z.enum(COMPONENTS).describe('backend or frontend'),
    repository: z.string().describe('image repository the chart expects'),
    tag: z.string().describe('content-hash tag'),
    image: z.string().describe('repository:tag'),
    via: z.enum(['docker', 'minikube']).describe('what built it'),
    skipped: z.boolean().describe('true when the image was already built'),
  }),
);
/** One built image. */
export type BuiltImage = z.infer<ReturnType<typeof builtImageSchema>>;

/** Built images as lines, for the person reading a result. */
export function imageLines(images: BuiltImage[]): DisplayBlock {
  return {
    kind: 'text',
    text: images.map((i) => `image ${i.image}${i.skipped ? ' (up to date)' : ''}`).join('\n'),
  };
}

const SKIP_DIRS = new Set([
  'node_modules',
  '.next',
  'dist',
  '.data',
  '.git',
  'coverage',
  'test-results',
]);

/** The places a component's Dockerfile may be, relative to the source root. */
const dockerfileCandidates = (component: Component): string[] => [
  `docker/${component}.Dockerfile`,
  `docker/${component}/Dockerfile`,
  `app/${component}/Dockerfile`,
];

/** Where a component's Dockerfile lives (first that exists). */
export function dockerfileFor(rootDir: string, component: Component): string | undefined {
  return dockerfileCandidates(component)
    .map((p) => join(rootDir, p))
    .find((p) => existsSync(p));
}

/** A content hash over a component's Dockerfile and sources: same sources, same tag. */
export function contentTag(rootDir: string, component: Component, dockerfile: string): string {
  const hash = createHash('sha256');
  const add = (file: string) => {
    hash.update(relative(rootDir, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  };
  add(dockerfile);
  const ignore = `${dockerfile}.dockerignore`;
  if (existsSync(ignore)) add(ignore);
  for (const extra of ['package.json', 'package-lock.json']) {
    if (existsSync(join(rootDir, extra))) add(join(rootDir, extra));
  }
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir).sort()) {
      if (SKIP_DIRS.has(entry)) continue;
      const path = join(dir, entry);
      const stats = statSync(path);
      if (stats.isDirectory()) walk(path);
      else if (stats.isFile()) add(path);
    }
  };
  walk(join(rootDir, 'app', component));
  return hash.digest('hex').slice(0, 12);
}

/** Builds the images of the given components; used by `build_images` and `deploy --build`. */
export async function buildComponentImages(
  ctx: OpsContext,
  components: Component[],
): Promise<ToolResult<{ images: BuiltImage[] }>> {
  const { rootDir, images: repos } = ctx.deps.config;
  const plan: Array<{ component: Component; dockerfile: string; tag: string }> = [];
  for (const component of components) {
    const dockerfile = dockerfileFor(rootDir, component);
    if (!dockerfile)
      return fail(
        'missing_dependency',
        `no Dockerfile for ${component}: looked for ${dockerfileCandidates(component).join(', ')} under ${rootDir}`,
        'building images needs the todo app sources and Dockerfiles, which an installed todo-ops does not include: set TODO_OPS_SOURCE_DIR to a checkout of the todo-ops repository, or run todo-ops from one',
      );
    plan.push({ component, dockerfile, tag: contentTag(rootDir, component, dockerfile) });
  }
  const minikube = await ctx.deps.minikube.status();
  const env = minikube?.running ? await ctx.deps.minikube.dockerEnv() : undefined;
  const dockerVersion = await ctx.deps.docker.version(env);
  const via: 'docker' | 'minikube' | undefined = dockerVersion
    ? 'docker'
    : minikube?.running
      ? 'minikube'
      : undefined;
  if (!via)
    return fail(
      'missing_dependency',
      'neither a Docker daemon nor a running Minikube is available to build images',
      'start Minikube (todo-ops setup-cluster) or Docker, then retry; `todo-ops doctor` lists what is missing',
    );
  const built: BuiltImage[] = [];
  for (const item of plan) {
    const repository = repos[item.component];
    const image = `${repository}:${item.tag}`;
    if (via === 'docker' && (await ctx.deps.docker.imageExists(image, env))) {
      built.push({
        component: item.component,
        repository,
        tag: item.tag,
        image,
        via,
        skipped: true,
      });
      ctx.progress?.({ message: `${image} already built` });
      continue;
    }
    ctx.progress?.({ message: `building ${image} (${via})` });
    const started = Date.now();
    const dockerfileRel = relative(rootDir, item.dockerfile);
    const outcome =
      via === 'docker'
        ? await ctx.deps.docker.build(
            { context: rootDir, dockerfile: item.dockerfile, tag: image, ...(env ? { env } : {}) },
            (line) => ctx.progress?.({ message: line }),
          )
        : await ctx.deps.minikube.imageBuild(rootDir, dockerfileRel, image, (line) =>
            ctx.progress?.({ message: line }),
          );
    if (!outcome.ok)
      return fail(
        'failed',
        `building ${image} failed:\n${outcome.message}`,
        `fix the build error above in ${dockerfileRel} and retry`,
        {
          images: built,
        },
      );
    ctx.progress?.({ message: `built ${image} in ${formatDuration(Date.now() - started)}` });
    built.push({
      component: item.component,
      repository,
      tag: item.tag,
      image,
      via,
      skipped: false,
    });
  }
  return ok(
    `${built.map((b) => `${b.image}${b.skipped ? ' (up to date)' : ''}`).join(', ')} ${minikube?.running ? 'in Minikube' : 'in the local Docker daemon'}`,
    { images: built },
  );
}

const input = z.object({
  component: z
    .enum(['backend', 'frontend', 'all'])
    .default('all')
    .describe('Which image to build: backend, frontend or all (default).'),
});

const output = onFirstUse(() =>
  z.object({
    images: z.array(builtImageSchema()).describe('the images built (or found up to date)'),
  }),
);

/** Builds images. */
export const buildImagesTool: OpsTool<typeof input, z.infer<ReturnType<typeof output>>> = {
  name: 'build_images',
  title: 'Build images',
  description:
    "Build the backend and/or frontend container images into Minikube's Docker daemon, tagged by a hash of their sources. Does not change the release; deploy uses the tags. Long-running.",
  input,
  get output() {
    return output();
  },
  effect: 'write',
  idempotent: true,
  openWorld: true,
  positionals: ['component'],
  plan: (args) =>
    args.component === 'all'
      ? 'build the backend and frontend images, tagged by a hash of their sources'
      : `build the ${args.component} image, tagged by a hash of its sources`,
  view: (data) => (data.images.length ? [imageLines(data.images)] : []),
  run: (args, ctx) =>
    guard(
      ctx,
      () =>
        buildComponentImages(ctx, args.component === 'all' ? [...COMPONENTS] : [args.component]),
      {
        cluster: false,
      },
    ),
};
