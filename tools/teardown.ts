/** `teardown`: uninstalls the release; optionally stops Minikube and removes the built images. */
import { z } from 'zod';
import { guard } from './common.js';
import { fail, ok, onFirstUse } from './contract.js';
import type { OpsTool } from './deps.js';
import { COMPONENTS } from './names.js';

const input = z.object({
  stopMinikube: z.boolean().optional().describe('Also stop the Minikube cluster afterwards.'),
  removeImages: z
    .boolean()
    .optional()
    .describe("Also remove the release's backend and frontend images from Minikube."),
});

const output = onFirstUse(() =>
  z.object({
    uninstalled: z.boolean().describe('whether a release was there to uninstall'),
    imagesRemoved: z.array(z.string()).describe('images removed from Minikube'),
    minikubeStopped: z.boolean().describe('whether Minikube was stopped'),
    keptPersistentVolumeClaims: z
      .array(z.string())
      .describe('claims kept so a reinstall finds the data'),
    notes: z.array(z.string()).describe('what could not be done, and why'),
  }),
);

/** What `teardown` returns. */
export type TeardownData = z.infer<ReturnType<typeof output>>;

/** Removes the release. */
export const teardownTool: OpsTool<typeof input, TeardownData> = {
  name: 'teardown',
  title: 'Tear down',
  description:
    'Uninstall the todo app release (helm uninstall); optionally remove its images and stop Minikube. The database PersistentVolumeClaim is kept so a reinstall finds the data. Destructive: the app stops serving.',
  input,
  get output() {
    return output();
  },
  effect: 'destructive',
  idempotent: true,
  plan: (args) => {
    const extra = [
      args.stopMinikube === true ? 'stop minikube' : '',
      args.removeImages === true ? 'remove the app images' : '',
    ].filter(Boolean);
    return `uninstall the release and delete its resources${extra.length ? `, then ${extra.join(' and ')}` : ''}`;
  },
  view: (data) => (data.notes.length ? [{ kind: 'text', text: data.notes.join('\n') }] : []),
  run: (args, ctx) =>
    guard(ctx, async () => {
      const { release, namespace, helmTimeoutSeconds } = ctx.deps.config;
      const notes: string[] = [];
      let images: string[] = [];
      if (args.removeImages) {
        const status = await ctx.deps.helm.status(release);
        if (status) {
          const values = await ctx.deps.helm.getValues(release, true);
          images = COMPONENTS.flatMap((c) => {
            const image = (
              values[c] as { image?: { repository?: string; tag?: string } } | undefined
            )?.image;
            // An empty tag means the chart's appVersion (charts/todo-app's image helper).
            const tag = image?.tag || status.appVersion;
            return image?.repository && tag ? [`${image.repository}:${tag}`] : [];
          });
        }
      }
      ctx.progress?.({ message: `helm uninstall ${release} (namespace ${namespace})` });
      const { existed } = await ctx.deps.helm.uninstall(release, helmTimeoutSeconds);
      if (!existed) notes.push(`${release} was not installed in ${namespace}`);
      const removed: string[] = [];
      for (const image of images) {
        const out = await ctx.deps.minikube.imageRemove(image);
        if (out.ok) removed.push(image);
        else notes.push(`could not remove ${image}: ${out.message.split('\n').at(-1)}`);
      }
      let stopped = false;
      if (args.stopMinikube) {
        ctx.progress?.({ message: 'minikube stop' });
        const out = await ctx.deps.minikube.stop();
        if (!out.ok)
          return fail(
            'failed',
            `release removed, but stopping Minikube failed: ${out.message}`,
            out.notFound ? 'minikube is not installed' : 'run `minikube stop` yourself',
            {
              uninstalled: existed,
              imagesRemoved: removed,
              minikubeStopped: false,
              keptPersistentVolumeClaims: [],
              notes,
            },
          );
        stopped = true;
      }
      const pvcs = stopped
        ? []
        : (await ctx.deps.kube.listPersistentVolumeClaims(namespace))
            .map((p) => p.metadata?.name ?? '')
            .filter((n) => n.includes(release));
      const parts = [
        existed
          ? `uninstalled ${release} from ${namespace}`
          : `${release} was not installed in ${namespace}`,
      ];
      if (removed.length) parts.push(`removed ${removed.join(', ')}`);
      if (stopped) parts.push('stopped Minikube');
      if (pvcs.length) parts.push(`kept ${pvcs.join(', ')} (delete it to drop the data)`);
      return ok(parts.join('; '), {
        uninstalled: existed,
        imagesRemoved: removed,
        minikubeStopped: stopped,
        keptPersistentVolumeClaims: pvcs,
        notes,
      });
    }),
};
