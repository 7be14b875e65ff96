import type { ReplyAttachment } from './reply.js';

/**
 * A picture as the views draw it: an SVG document, plus what it shows in words. Turning it into
 * a PNG needs a native rasteriser (resvg), so that lives outside the core (src/pictures/) behind
 * this port; the composition root supplies it.
 */
export interface SvgPicture {
  /** File name, e.g. "stats.png". */
  name: string;
  svg: string;
  alt: string;
}

export interface PictureRenderer {
  /** The PNG attachment for a picture, rendered off the event loop; rejects when it cannot be rendered. */
  render(picture: SvgPicture): Promise<ReplyAttachment>;
}

