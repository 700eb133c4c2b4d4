/** Writes the upload page's bundle to stdout (used by buildUploadAppSync in build-bundle.ts). */
import { buildUploadApp } from './build-bundle.ts';

process.stdout.write(await buildUploadApp());
