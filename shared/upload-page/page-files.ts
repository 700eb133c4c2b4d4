import type { SiteFile } from '../site/site-model.ts';
import { buildUploadApp } from './build-bundle.ts';
import { UPLOAD_PAGE, type UploadPageConfig } from './paths.ts';
import { renderUploadPage } from './render-upload-page.ts';
import { UPLOAD_CSS } from './upload-css.ts';

/**
 * The upload page's files in the site bucket (`upload/…`), as the CDK deployment and the embedded stack write
 * them. The config names the sign-in endpoint and app client of the deployment it belongs to.
 */
export async function uploadPageFiles(config: UploadPageConfig): Promise<SiteFile[]> {
  return [...(await uploadPageStaticFiles()), uploadPageConfigFile(config)];
}

/** The files that are the same in every deployment: page, script, stylesheet. */
export async function uploadPageStaticFiles(): Promise<SiteFile[]> {
  return [
    { path: UPLOAD_PAGE.index, body: renderUploadPage(), contentType: 'text/html; charset=utf-8' },
    { path: UPLOAD_PAGE.script, body: await buildUploadApp(), contentType: 'text/javascript; charset=utf-8' },
    { path: UPLOAD_PAGE.stylesheet, body: UPLOAD_CSS, contentType: 'text/css; charset=utf-8' },
  ];
}

export function uploadPageConfigFile(config: UploadPageConfig): SiteFile {
  return { path: UPLOAD_PAGE.config, body: JSON.stringify(config), contentType: 'application/json; charset=utf-8' };
}
