/// <reference lib="dom" />
/**
 * The upload page's script (bundled by ../build-bundle.ts into /upload/upload.js). States, on `#app[data-state]`:
 * signed-out → ready → checking → checked → submitting → submitted. The check runs the server's own
 * validateWorkbook in this tab (the reader and every rule; see inspect-package-browser.ts for the package
 * inspection); the file leaves the computer only on 提交, through the presigned POST the API grants.
 */
import type { ValidationReport } from '../../rules/validate.ts';
import { escapeHtml } from '../../site/escape-html.ts';
import { writeSupplementSheets } from '../../supplement/write-supplement-sheets.ts';
import { validateWorkbook } from '../../validate-workbook.ts';
import { writeDisclosureWorkbook } from '../../workbook/write-workbook.ts';
import { API_BASE, UPLOAD_PAGE, type UploadPageConfig } from '../paths.ts';
import { renderReport } from '../render-findings.ts';

interface Unit {
  code: string;
  name: string;
  department: string | null;
  aliases?: string[];
  kind?: 'department' | 'unit' | null;
}

interface SubmissionView {
  uploadId: string;
  year: number;
  fileName: string;
  status: 'processing' | 'published' | 'rejected' | 'superseded';
  receivedAt: string;
  finishedAt: string | null;
  summary: { errors: number; warnings: number; notices: number } | null;
  current: boolean;
}

type ServerReport = ValidationReport & { url?: string | null; outcome?: string; uploadId?: string };

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const state: {
  config: UploadPageConfig | null;
  idToken: string | null;
  username: string;
  session: string | null;
  unit: Unit | null;
  file: File | null;
  bytes: Uint8Array | null;
  checked: ValidationReport | null;
} = { config: null, idToken: null, username: '', session: null, unit: null, file: null, bytes: null, checked: null };

function setState(name: string): void {
  $('app').dataset.state = name;
}

function show(id: string, visible: boolean): void {
  $(id).hidden = !visible;
}

function focus(id: string): void {
  $(id).focus();
}

function year(): number {
  return Number($<HTMLSelectElement>('year').value);
}

const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Text for element content or a double-quoted attribute (the site's one escaping function). */
const escapeText = escapeHtml;

// ── Sign-in: the Cognito user pool API (or the embedded stack's stand-in, which speaks the same protocol) ──────
const AUTH_ERRORS: Record<string, string> = {
  NotAuthorizedException: '电子邮箱或密码不正确。',
  UserNotFoundException: '电子邮箱或密码不正确。',
  PasswordResetRequiredException: '密码已被管理员重置，请使用管理员提供的临时密码登录。',
  InvalidPasswordException: '新密码不符合要求：至少 12 位，须同时包含大写字母、小写字母、数字和符号。',
  CodeMismatchException: '验证码不正确，请重新输入。',
  TooManyRequestsException: '尝试次数过多，请稍后再试。',
  LimitExceededException: '尝试次数过多，请稍后再试。',
};

async function cognito(action: string, body: unknown): Promise<Record<string, unknown>> {
  const config = state.config as UploadPageConfig;
  const response = await fetch(config.authEndpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const type =
      String(json.__type ?? '')
        .split('#')
        .pop() ?? '';
    throw new Error(AUTH_ERRORS[type] ?? '登录服务暂时不可用，请稍后重试。');
  }
  return json;
}

async function afterAuth(result: Record<string, unknown>, errorId: string): Promise<void> {
  const auth = result.AuthenticationResult as { IdToken?: string } | undefined;
  if (auth?.IdToken) {
    state.idToken = auth.IdToken;
    state.session = null;
    await enterWork();
    return;
  }
  state.session = String(result.Session ?? '');
  const challenge = String(result.ChallengeName ?? '');
  show('signin-form', false);
  if (challenge === 'NEW_PASSWORD_REQUIRED') {
    show('newpw-form', true);
    focus('newpw-title');
  } else if (challenge === 'SOFTWARE_TOKEN_MFA') {
    show('mfa-form', true);
    focus('mfa-title');
  } else {
    show('signin-form', true);
    $(errorId).textContent = '此账号需要的登录方式本页面不支持，请联系管理员。';
  }
}

function signedOut(message = ''): void {
  state.idToken = null;
  state.unit = null;
  state.session = null;
  setState('signed-out');
  show('work', false);
  show('signin', true);
  show('signin-form', true);
  show('newpw-form', false);
  show('mfa-form', false);
  $('signin-error').textContent = message;
  $('page-status').textContent = '';
}

function wireSignIn(): void {
  $('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = $<HTMLInputElement>('signin-email').value.trim();
    const password = $<HTMLInputElement>('signin-password').value;
    $('signin-error').textContent = '';
    if (!email || !password) {
      $('signin-error').textContent = '请输入电子邮箱和密码。';
      return;
    }
    state.username = email;
    try {
      const result = await cognito('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: state.config?.clientId,
        AuthParameters: { USERNAME: email, PASSWORD: password },
      });
      $<HTMLInputElement>('signin-password').value = '';
      await afterAuth(result, 'signin-error');
    } catch (error) {
      $('signin-error').textContent = (error as Error).message;
    }
  });
  $('newpw-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = $<HTMLInputElement>('newpw-password').value;
    $('newpw-error').textContent = '';
    if (password !== $<HTMLInputElement>('newpw-confirm').value) {
      $('newpw-error').textContent = '两次输入的新密码不一致。';
      return;
    }
    try {
      const result = await cognito('RespondToAuthChallenge', {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ClientId: state.config?.clientId,
        Session: state.session,
        ChallengeResponses: { USERNAME: state.username, NEW_PASSWORD: password },
      });
      show('newpw-form', false);
      await afterAuth(result, 'newpw-error');
    } catch (error) {
      $('newpw-error').textContent = (error as Error).message;
    }
  });
  $('mfa-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('mfa-error').textContent = '';
    try {
      const result = await cognito('RespondToAuthChallenge', {
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        ClientId: state.config?.clientId,
        Session: state.session,
        ChallengeResponses: {
          USERNAME: state.username,
          SOFTWARE_TOKEN_MFA_CODE: $<HTMLInputElement>('mfa-code').value,
        },
      });
      show('mfa-form', false);
      await afterAuth(result, 'mfa-error');
    } catch (error) {
      $('mfa-error').textContent = (error as Error).message;
    }
  });
  $('signout').addEventListener('click', () => {
    signedOut('');
    $('page-status').textContent = '已退出登录。';
    focus('signin-title');
  });
}

// ── The API (same origin, /api/*): the unit comes from the token, never from what the page sends ─────────────
class SignedOut extends Error {}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${API_BASE}${path}`, {
    ...init,
    headers: { ...(init.headers ?? {}), Authorization: `Bearer ${state.idToken}` },
  });
  if (response.status === 401) throw new SignedOut('登录已过期，请重新登录。');
  const json = (await response.json().catch(() => ({}))) as T & { message?: string };
  if (!response.ok) throw new Error(json.message ?? `服务暂时不可用（${response.status}），请稍后重试。`);
  return json;
}

function handleApiError(error: unknown, alertId: string): void {
  if (error instanceof SignedOut) {
    signedOut(error.message);
    focus('signin-title');
    return;
  }
  $(alertId).textContent = (error as Error).message;
}

async function enterWork(): Promise<void> {
  try {
    const me = await api<{ unit: Unit }>('/me');
    state.unit = me.unit;
  } catch (error) {
    signedOut(error instanceof SignedOut ? error.message : (error as Error).message);
    return;
  }
  $('unit-name').textContent = state.unit.name;
  $('unit-code').textContent = state.unit.code;
  show('signin', false);
  show('work', true);
  setState('ready');
  $('page-status').textContent = `已登录：${state.unit.name}`;
  focus('work-title');
  await loadHistory();
}

// ── Template, check, submit ──────────────────────────────────────────────────────────────────────────────────
function fillYears(): void {
  const select = $<HTMLSelectElement>('year');
  const now = new Date().getFullYear();
  for (let y = now; y >= now - 9; y--) {
    const option = document.createElement('option');
    option.value = String(y);
    option.textContent = `${y} 年度`;
    if (y === now - 1) option.selected = true;
    select.append(option);
  }
  const label = () => {
    for (const el of document.querySelectorAll('.year-label')) el.textContent = String(year());
  };
  label();
  select.addEventListener('change', () => {
    label();
    // A check is against a year: another year needs another check.
    if (state.bytes && state.file) void check(state.file, state.bytes);
    void loadHistory();
  });
}

async function downloadTemplate(): Promise<void> {
  const y = year();
  const bytes = (await writeDisclosureWorkbook(null, {
    year: y,
    unitName: state.unit?.name ?? '',
    extraSheets: (wb) => writeSupplementSheets(wb, null, y),
  })) as unknown as Uint8Array;
  const blob = new Blob([bytes as BlobPart], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${y}决算公开表.xlsx`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  $('page-status').textContent = `已生成 ${y} 年度决算公开表样。`;
}

/** The checking state: announced as soon as a file is chosen (reading a large file takes a moment too). */
function showChecking(file: File): void {
  state.checked = null;
  $<HTMLButtonElement>('submit').disabled = true;
  $('submit-error').textContent = '';
  show('check-result', false);
  setState('checking');
  $('check-status').textContent = `正在本机检查“${file.name}”…`;
}

async function check(file: File, bytes: Uint8Array): Promise<void> {
  const config = state.config as UploadPageConfig;
  showChecking(file);
  if (!/\.xlsx$/i.test(file.name)) {
    $('check-status').textContent = '';
    $('check-body').innerHTML =
      `<p class="alert">只接受 Excel 工作簿（.xlsx）文件。请用 Excel 或 WPS 另存为 .xlsx 后再选择。</p>`;
    show('check-result', true);
    setState('ready');
    return;
  }
  if (file.size > config.maxUploadBytes) {
    $('check-status').textContent = '';
    $('check-body').innerHTML =
      `<p class="alert">文件大小 ${(file.size / 1024 / 1024).toFixed(1)} MB，超过上限 ${(config.maxUploadBytes / 1024 / 1024).toFixed(0)} MB，系统不会接受。</p>`;
    show('check-result', true);
    setState('ready');
    return;
  }
  // Let the status paint before the (synchronous-heavy) check starts.
  await new Promise((r) => setTimeout(r, 0));
  const started = performance.now();
  const unit = state.unit as Unit;
  const { report } = await validateWorkbook(bytes, {
    unitName: unit.name,
    unitAliases: unit.aliases ?? [],
    year: year(),
    kind: unit.kind ?? null,
  });
  const ms = performance.now() - started;
  state.checked = report;
  $('app').dataset.checkMs = ms.toFixed(1);
  $('check-status').textContent =
    `检查完成（用时 ${(ms / 1000).toFixed(2)} 秒）：${report.status === 'accepted' ? '通过' : '未通过'}，错误 ${report.summary.errors} 项，警告 ${report.summary.warnings} 项，提示 ${report.summary.notices} 项。`;
  $('check-body').innerHTML = renderReport(report, 'browser').value;
  show('check-result', true);
  $<HTMLButtonElement>('submit').disabled = false;
  $('submit').textContent = report.status === 'accepted' ? '提交' : '仍然提交（系统将退回）';
  setState('checked');
  focus('check-title');
}

async function chooseFile(file: File | undefined): Promise<void> {
  if (!file) return;
  state.file = file;
  showChecking(file);
  state.bytes = new Uint8Array(await file.arrayBuffer());
  await check(file, state.bytes);
}

function wireFile(): void {
  const input = $<HTMLInputElement>('file');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    // Cleared at once, so choosing the same file again (fixed in Excel, saved under the same name) checks it again.
    input.value = '';
    void chooseFile(file);
  });
  const zone = $('dropzone');
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragover');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragover'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragover');
    void chooseFile(event.dataTransfer?.files[0]);
  });
}

interface Grant {
  url: string;
  fields: Record<string, string>;
  uploadId: string;
  year: number;
  expiresAt: string;
}

function s3Message(xml: string, status: number): string {
  const code = /<Code>([^<]+)<\/Code>/.exec(xml)?.[1] ?? '';
  if (code === 'EntityTooLarge') return '文件超过大小上限，未上传。';
  if (code === 'AccessDenied' && /expired/i.test(xml)) return '上传授权已过期，请重新提交。';
  return `上传失败（${code || status}），请重新提交。`;
}

async function submit(): Promise<void> {
  if (!state.file || !state.bytes) return;
  const y = year();
  $('submit-error').textContent = '';
  $<HTMLButtonElement>('submit').disabled = true;
  setState('submitting');
  show('report', false);
  $('submit-status').textContent = '正在上传…';
  try {
    const grant = await api<Grant>('/grants', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ year: y, fileName: state.file.name }),
    });
    const form = new FormData();
    for (const [name, value] of Object.entries(grant.fields)) form.append(name, value);
    form.append(
      'file',
      new Blob([state.bytes as BlobPart], { type: state.file.type || 'application/octet-stream' }),
      state.file.name,
    );
    const response = await fetch(grant.url, { method: 'POST', body: form });
    if (!response.ok) throw new Error(s3Message(await response.text(), response.status));
    $('submit-status').textContent = '已上传，系统正在校验…';
    await follow(y, grant.uploadId);
  } catch (error) {
    $('submit-status').textContent = '';
    $<HTMLButtonElement>('submit').disabled = false;
    setState('checked');
    handleApiError(error, 'submit-error');
  }
}

async function follow(y: number, uploadId: string): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  while (Date.now() < deadline) {
    const { report } = await api<{ submission: SubmissionView | null; report: ServerReport | null }>(
      `/submissions/${y}/${encodeURIComponent(uploadId)}`,
    );
    if (report) {
      showServerReport(report);
      $('submit-status').textContent =
        report.status === 'accepted' ? '系统校验通过。' : '系统校验未通过，本次上传未公开。';
      setState('submitted');
      await loadHistory();
      return;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('系统校验仍在进行，请稍后在上传记录中查看结果。');
}

function showServerReport(report: ServerReport): void {
  const outcome =
    report.outcome === 'published' && report.url
      ? `<p class="outcome">已公开：<a id="published-link" href="${escapeText(report.url)}">查看公开页面</a></p>`
      : report.outcome === 'superseded'
        ? '<p class="outcome">校验通过，但本年度已有更新的上传，本次未替换现行公开内容。</p>'
        : report.status === 'rejected'
          ? '<p class="outcome">未公开：请根据问题清单修改后重新提交。已公开的内容不受影响。</p>'
          : '';
  $('report-body').innerHTML = `${outcome}${renderReport(report, 'server').value}`;
  show('report', true);
  focus('report-title');
}

const STATUS_LABEL: Record<SubmissionView['status'], string> = {
  processing: '处理中',
  published: '已公开',
  rejected: '未通过',
  superseded: '已被更新的上传替代',
};

async function loadHistory(): Promise<void> {
  if (!state.idToken) return;
  const y = year();
  try {
    const { submissions } = await api<{ submissions: SubmissionView[] }>(`/submissions?year=${y}`);
    if (submissions.length === 0) {
      $('history').innerHTML = `<p>${y} 年度尚无上传记录。</p>`;
      return;
    }
    const rows = submissions
      .map(
        (s) => `<tr><td>${escapeText(BEIJING.format(new Date(s.receivedAt)))}</td><td>${escapeText(s.fileName)}</td>
<td>${STATUS_LABEL[s.status] ?? escapeText(s.status)}${s.current ? '（现行公开版本）' : ''}</td>
<td class="num">${s.summary ? `${s.summary.errors} / ${s.summary.warnings} / ${s.summary.notices}` : '—'}</td>
<td>${s.status === 'processing' ? '' : `<button type="button" class="button secondary" data-report="${escapeText(s.uploadId)}">查看报告<span class="visually-hidden">（${escapeText(BEIJING.format(new Date(s.receivedAt)))}）</span></button>`}</td></tr>`,
      )
      .join('');
    $('history').innerHTML =
      `<div class="table-scroll" role="region" aria-label="上传记录" tabindex="0"><table class="fin history-table">
<caption>${y} 年度上传记录（北京时间，新的在前）</caption>
<thead><tr><th scope="col">上传时间</th><th scope="col">文件</th><th scope="col">状态</th><th scope="col">错误 / 警告 / 提示</th><th scope="col">报告</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
    for (const button of $('history').querySelectorAll<HTMLButtonElement>('button[data-report]')) {
      button.addEventListener('click', async () => {
        try {
          const { report } = await api<{ report: ServerReport | null }>(
            `/submissions/${y}/${encodeURIComponent(button.dataset.report ?? '')}`,
          );
          if (report) showServerReport(report);
        } catch (error) {
          handleApiError(error, 'submit-error');
        }
      });
    }
  } catch (error) {
    handleApiError(error, 'submit-error');
  }
}

async function main(): Promise<void> {
  wireSignIn();
  fillYears();
  wireFile();
  $('template').addEventListener('click', () => void downloadTemplate());
  $('submit').addEventListener('click', () => void submit());
  try {
    const response = await fetch(`/${UPLOAD_PAGE.config}`, { cache: 'no-store' });
    state.config = (await response.json()) as UploadPageConfig;
  } catch {
    $('page-status').textContent = '页面配置无法加载，请稍后刷新重试。';
    return;
  }
  signedOut('');
}

void main();
