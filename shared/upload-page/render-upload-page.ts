import { html } from '../site/escape-html.ts';
import { renderPage } from '../site/render-layout.ts';
import { UPLOAD_PAGE } from './paths.ts';

/**
 * The unit's upload page (`/upload/`), in the site's layout and stylesheet. Static HTML: the script
 * (`/upload/upload.js`, the bundle of browser/upload-app.ts) reveals the steps; without JavaScript the page says how
 * else to upload. Every region that changes is announced (role="status" / role="alert") and keeps its heading.
 */
export function renderUploadPage(): string {
  return renderPage({
    title: '上传决算公开表',
    description: '预算单位登录后上传本单位决算公开表：文件先在本机检查，提交后由系统校验并公开。',
    breadcrumb: [
      { label: '首页', href: '/' },
      { label: '上传决算公开表', href: null },
    ],
    scripts: [`/${UPLOAD_PAGE.script}`],
    main: html`<link rel="stylesheet" href="/${UPLOAD_PAGE.stylesheet}">
<h1>上传决算公开表</h1>
<p class="lead">供预算单位财务人员使用：登录后选择年度、下载表样，把填好的工作簿拖到下方即可在本机立即检查；按“提交”之前，文件不会离开您的电脑。</p>
<noscript><p class="alert">本页面的检查和上传需要启用 JavaScript。也可以使用命令行工具上传：npm run cli -- upload 文件.xlsx --unit 单位编码 --year 年度。</p></noscript>
<div id="app" data-state="loading">
<p id="page-status" class="status" role="status" aria-live="polite"></p>

<section id="signin" class="upload-step" aria-labelledby="signin-title" hidden>
<h2 id="signin-title" tabindex="-1">登录</h2>
<p>请使用管理员为本单位开设的账号（电子邮箱）登录。首次登录需设置新密码。</p>
<form id="signin-form" novalidate>
<div class="form-row"><label for="signin-email">电子邮箱</label>
<input id="signin-email" name="email" type="email" autocomplete="username" required></div>
<div class="form-row"><label for="signin-password">密码</label>
<input id="signin-password" name="password" type="password" autocomplete="current-password" required></div>
<p id="signin-error" class="alert" role="alert"></p>
<p><button class="button" type="submit">登录</button></p>
</form>
<form id="newpw-form" novalidate hidden>
<h3 id="newpw-title" tabindex="-1">设置新密码</h3>
<p class="hint" id="newpw-hint">首次登录或密码被重置后须设置新密码：至少 12 位，须同时包含大写字母、小写字母、数字和符号。</p>
<div class="form-row"><label for="newpw-password">新密码</label>
<input id="newpw-password" name="newPassword" type="password" autocomplete="new-password" aria-describedby="newpw-hint" required></div>
<div class="form-row"><label for="newpw-confirm">再次输入新密码</label>
<input id="newpw-confirm" name="confirm" type="password" autocomplete="new-password" required></div>
<p id="newpw-error" class="alert" role="alert"></p>
<p><button class="button" type="submit">设置并登录</button></p>
</form>
<form id="mfa-form" novalidate hidden>
<h3 id="mfa-title" tabindex="-1">两步验证</h3>
<div class="form-row"><label for="mfa-code">验证器应用显示的 6 位验证码</label>
<input id="mfa-code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required></div>
<p id="mfa-error" class="alert" role="alert"></p>
<p><button class="button" type="submit">验证</button></p>
</form>
</section>

<section id="work" class="upload-step" aria-labelledby="work-title" hidden>
<h2 id="work-title" tabindex="-1">本单位的决算公开表</h2>
<div class="signed-in"><span>已登录：<strong id="unit-name"></strong>（单位编码 <span id="unit-code"></span>）</span>
<button id="signout" class="button secondary" type="button">退出登录</button></div>

<h3>第一步：选择年度</h3>
<div class="form-row"><label for="year">决算年度</label><select id="year"></select></div>

<h3>第二步：下载表样</h3>
<p>表样包含九张决算公开表（官方格式）和补充信息工作表（单位概况、补充信息、重点工作、绩效自评）。也可以直接使用决算软件导出的工作簿。</p>
<p><button id="template" class="button secondary" type="button">下载 <span class="year-label"></span> 年度决算公开表样（.xlsx）</button></p>

<h3>第三步：检查工作簿</h3>
<label class="dropzone" id="dropzone" for="file">把 .xlsx 工作簿拖放到这里，或点击选择文件
<input id="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="file-hint"></label>
<p class="hint" id="file-hint">检查在您的电脑上进行，使用与系统相同的读取方式和校验规则；按“提交”之前，文件不会上传。</p>
<div id="check-status" class="status" role="status" aria-live="polite"></div>
<section id="check-result" aria-labelledby="check-title" hidden>
<h4 id="check-title" tabindex="-1">本机检查结果</h4>
<div id="check-body"></div>
</section>

<h3>第四步：提交</h3>
<p id="submit-hint">提交后系统会再次校验；通过的决算将自动公开，未通过的不会改变已公开的内容。</p>
<p><button id="submit" class="button" type="button" disabled aria-describedby="submit-hint">提交</button></p>
<p id="submit-error" class="alert" role="alert"></p>
<div id="submit-status" class="status" role="status" aria-live="polite"></div>
<section id="report" aria-labelledby="report-title" hidden>
<h4 id="report-title" tabindex="-1">系统校验报告</h4>
<div id="report-body"></div>
</section>

<h3>上传记录</h3>
<div id="history" aria-live="polite"><p class="hint">登录后显示本单位所选年度的上传记录。</p></div>
</section>
</div>`,
  });
}
