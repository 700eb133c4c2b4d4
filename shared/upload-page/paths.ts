/** Where the upload page lives on the site (root-absolute), and the API it calls (same origin, `/api/*`). */
export const UPLOAD_PAGE = {
  dir: 'upload/',
  index: 'upload/index.html',
  script: 'upload/upload.js',
  stylesheet: 'upload/upload.css',
  config: 'upload/config.json',
} as const;

export const API_BASE = '/api';

/** What the page reads from `/upload/config.json` (written at deployment, or by the embedded stack). */
export interface UploadPageConfig {
  /** The Cognito-compatible endpoint the page signs in with (InitiateAuth / RespondToAuthChallenge). */
  authEndpoint: string;
  /** The user pool app client of the upload page (public client, no secret). */
  clientId: string;
  maxUploadBytes: number;
}
