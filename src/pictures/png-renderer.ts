import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import type { PictureRenderer, SvgPicture } from '../core/pictures.js';
import type { ReplyAttachment } from '../core/reply.js';
import { projectRoot } from '../paths.js';

/**
 * SVG -> PNG with resvg (no browser), using only the fonts shipped in assets/fonts: no system
 * fonts are read, so a picture has the same pixels on every machine and in the Docker image.
 */

export const FONT_DIR = join(projectRoot, 'assets', 'fonts');
export const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(FONT_DIR, f));

export interface PngRendererOptions {
  /** Pixels per SVG unit: 1 is the SVG's own size; 2 is sharper on high-density screens. */
  scale?: number | undefined;
}

// Loaded at the first picture, not at start: its native binding is a tenth of a console start.
const require = createRequire(import.meta.url);
let loaded: typeof import('@resvg/resvg-js') | undefined;
const resvg = () => (loaded ??= require('@resvg/resvg-js') as typeof import('@resvg/resvg-js'));

function options(scale: number): ResvgRenderOptions {
  return {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    logLevel: 'off',
  };
}

/** On this thread: for scripts and the benchmark. */
export function renderPng(svg: string, scale = 1): Uint8Array {
  return new (resvg().Resvg)(svg, options(scale)).render().asPng();
}

/** On libuv's thread pool: the bot's event loop (gateway heartbeats, other members) keeps running. */
export async function renderPngAsync(svg: string, scale = 1): Promise<Uint8Array> {
  return (await resvg().renderAsync(svg, options(scale))).asPng();
}

export function createPngRenderer(opts: PngRendererOptions = {}): PictureRenderer {
  return {
    async render(picture: SvgPicture): Promise<ReplyAttachment> {
      return { name: picture.name, mime: 'image/png', data: await renderPngAsync(picture.svg, opts.scale ?? 1), alt: picture.alt };
    },
  };
}
