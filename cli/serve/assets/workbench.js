// The workbench page: a plain textarea over a highlighted copy of its text. The browser's own
// textarea does the editing (input methods for Chinese, undo, selection); this script only paints
// the copy behind it, and asks the server to check the text as it is typed.
"use strict";

const token = document.querySelector('meta[name="rubric-token"]').content;
const $ = (id) => document.getElementById(id);
let ui = {};
let versions = [];
let lastCheck = null;
let checkSequence = 0;
let checkTimer = null;
const CHECK_DELAY_MS = 40;  // after the last keystroke: the answer comes well within 100 ms

// The keywords of both surfaces (lang/grammar.hpp, lang/grammar_zh.hpp), for colour only: the
// server's checker is the authority on what the text means.
const KEYWORDS_EN = ("a above and any area at average award awards below bottom by capped counted date day days decimal default " +
  "distinct each effect effective eligible escalating event exempt false fewer first for from full grade graded grades higher if in " +
  "integer is its least lower lowest month months more most next no not of once one only optional or order otherwise per person " +
  "quarter rank ranking ranks recorded required role role_subsidy roster row rubric rule score scores semester set share starting " +
  "subsidy then this ties times to top total true unless until version veto warning week weeks when where with within worth year years").split(" ");
const KEYWORDS_ZH = ("一票否决 不为 不低于 不同 不得评为 且 个月内 个月 为单位 为 之一 乘以 事件 人员 仅限等级不低于 仅限至少获 仅限 从低到高 " +
  "从多到少 从少到多 从高到低 以 其余 其次按 内 分别排名 分 前 加 半年 及次 只计一次 可空 合计 名授予 名的 名补贴 名 后果 后 否则 否 " +
  "周内 周 基础分 大于 天内 天 季度 小于 小数 属于 履职补贴 平均 年内 年 并列者名次相同 并非 当 得分记为 得分 必填 总分 或 扣分次数 扣 " +
  "授予 排名 排序 按登记的 按 整数 无 日期 日 是或否 是 最多加 最多扣 最多计 最多 月 有 条件 次 每日 每次 每满 每项 每 满分 版本 的平均分排名 " +
  "的 直至 第 等级 类别 累进 细则 自 至多 至少获 至少 至 花名册 范围 获 规则 角色 警告 计分 计 记为 评为最低等级 评为 评分 评奖 豁免 起施行 " +
  "连续 限 除非 默认").split(" ").sort((a, b) => b.length - a.length);
const EN_WORD = new RegExp("^(?:" + KEYWORDS_EN.join("|") + ")$");

function isHan(c) {
  return c >= "\u4e00" && c <= "\u9fff";
}

// The colon after a label: full-width in Chinese text.
function colon() {
  return document.documentElement.lang.startsWith("zh") ? "：" : ": ";
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// One class per UTF-16 unit of `text`: kw, lb (label), nm (number), cm (comment) or "".
function tokenClasses(text) {
  const classes = new Array(text.length).fill("");
  const mark = (from, to, cls) => { for (let i = from; i < to; ++i) classes[i] = cls; };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "#") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      mark(i, stop, "cm");
      i = stop;
    } else if (c === "「" || c === '"' || c === "“") {
      const close = c === "「" ? "」" : c === "“" ? "”" : '"';
      let end = text.indexOf(close, i + 1);
      const line = text.indexOf("\n", i);
      if (end < 0 || (line >= 0 && line < end)) end = (line < 0 ? text.length : line) - 1;
      mark(i, end + 1, "lb");
      i = end + 1;
    } else if (/[0-9]/.test(c)) {
      let end = i;
      while (end < text.length && /[0-9.%]/.test(text[end])) ++end;
      mark(i, end, "nm");
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      let end = i;
      while (end < text.length && /[A-Za-z0-9_]/.test(text[end])) ++end;
      if (EN_WORD.test(text.slice(i, end))) mark(i, end, "kw");
      i = end;
    } else if (isHan(c)) {
      // Chinese has no spaces between words: a run of Chinese characters is coloured only when
      // it is made of keywords from end to end (每月最多加), so that a keyword's character
      // inside a name (自 in 自行车) stays plain.
      let end = i;
      while (end < text.length && isHan(text[end])) ++end;
      const pieces = [];
      for (let at = i; at < end;) {
        const word = KEYWORDS_ZH.find((k) => text.startsWith(k, at) && at + k.length <= end);
        if (!word) {
          pieces.length = 0;
          break;
        }
        pieces.push(word);
        at += word.length;
      }
      if (pieces.length) mark(i, end, "kw");
      i = end;
    } else {
      ++i;
    }
  }
  return classes;
}

// The highlighted copy: runs of one token class and one diagnostic severity become one span.
function paint() {
  const text = $("source").value;
  const classes = tokenClasses(text);
  const severity = new Array(text.length).fill("");
  const diagnostics = lastCheck && lastCheck.text === text ? lastCheck.diagnostics : [];
  for (const d of diagnostics) {
    if (d.from === undefined) continue;
    let to = Math.max(d.to, d.from + 1);  // an empty span still gets one character underlined
    for (let i = Math.min(d.from, text.length - 1); i < Math.min(to, text.length); ++i) {
      if (severity[i] !== "error") severity[i] = d.severity === "error" ? "error" : "warning";
    }
  }
  let html = "";
  let start = 0;
  for (let i = 1; i <= text.length; ++i) {
    if (i < text.length && classes[i] === classes[start] && severity[i] === severity[start]) continue;
    const cls = [classes[start], severity[start]].filter(Boolean).join(" ");
    const piece = escapeHtml(text.slice(start, i));
    html += cls ? `<span class="${cls}">${piece}</span>` : piece;
    start = i;
  }
  $("highlight").innerHTML = html + "\n";
  syncScroll();
}

function syncScroll() {
  $("highlight").scrollTop = $("source").scrollTop;
  $("highlight").scrollLeft = $("source").scrollLeft;
}

async function api(method, path, body) {
  const options = { method, headers: { "X-Rubric-Token": token } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const answer = await fetch(path, options);
  const data = await answer.json();
  return { status: answer.status, data };
}

async function check() {
  const text = $("source").value;
  const sequence = ++checkSequence;
  const { data } = await api("POST", "/api/check", { text });
  if (sequence !== checkSequence) return;  // a later keystroke's answer is coming
  lastCheck = { text, diagnostics: data.diagnostics || [] };
  if (data.id) {
    if (!$("save-id").dataset.touched) $("save-id").value = data.id;
    if (!$("save-effective").dataset.touched) $("save-effective").value = data.effective;
  }
  showDiagnostics(lastCheck.diagnostics);
  paint();
}

function showDiagnostics(list) {
  const status = $("status");
  const errors = list.filter((d) => d.severity === "error").length;
  status.textContent = list.length ? `${list.length} ${ui.errors}` : ui.check_ok;
  status.className = list.length ? "" : "ok";
  status.dataset.errors = String(errors);
  const ul = $("diagnostics");
  ul.replaceChildren();
  for (const d of list) {
    const li = document.createElement("li");
    li.className = "diag-" + d.severity;
    li.dataset.code = d.code;
    const where = d.line ? `${ui.line} ${d.line}${colon()}` : "";
    li.append(document.createTextNode(`${where}${d.code} ${d.message}`));
    if (d.help) {
      const hint = document.createElement("span");
      hint.className = "hint";
      hint.textContent = `${ui.hint}${colon()}${d.help}`;
      li.append(hint);
    }
    if (d.from !== undefined) {
      li.addEventListener("click", () => {
        const source = $("source");
        source.focus();
        source.setSelectionRange(d.from, Math.max(d.to, d.from + 1));
      });
    }
    ul.append(li);
  }
}

function scheduleCheck() {
  paint();
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, CHECK_DELAY_MS);
}

function showDetails(element, data) {
  element.textContent = data.error ? data.error + (data.details ? "\n\n" + data.details : "") : "";
  if (data.diagnostics) showDiagnostics(data.diagnostics);
}

async function openVersion(index) {
  const { data } = await api("GET", `/api/versions/${index}`);
  $("source").value = data.text;
  $("draft-name").textContent = `${ui.draft}: ${data.id}`;
  // Compared with the version before it, when there is one: what this amendment changed.
  $("base").value = String(Math.max(0, index - 1));
  delete $("save-id").dataset.touched;
  delete $("save-effective").dataset.touched;
  scheduleCheck();
}

async function loadVersions() {
  const { data } = await api("GET", "/api/versions");
  versions = data.versions;
  $("folder-problems").textContent = data.problems || "";
  const list = $("versions");
  const base = $("base");
  list.replaceChildren();
  base.replaceChildren();
  for (const v of versions) {
    const li = document.createElement("li");
    li.dataset.id = v.id;
    const name = document.createElement("div");
    name.textContent = `${v.id} · ${ui.effective} ${v.effective}`;
    const open = document.createElement("button");
    open.type = "button";
    open.textContent = ui.open;
    open.addEventListener("click", () => openVersion(v.index));
    li.append(name, open);
    list.append(li);
    const option = document.createElement("option");
    option.value = String(v.index);
    option.textContent = `${v.id} (${v.effective})`;
    base.append(option);
  }
}

async function formatDraft() {
  const { status, data } = await api("POST", "/api/format", { text: $("source").value });
  if (status === 200) {
    $("source").value = data.text;
    scheduleCheck();
  } else {
    showDetails($("save-result"), data);
  }
}

async function showDiff() {
  const { data } = await api("POST", "/api/diff", { text: $("source").value, base: Number($("base").value) });
  $("diff-panel").hidden = false;
  $("diff-text").textContent = data.error ? data.error : data.text;
}

async function showImpact() {
  const { data } = await api("POST", "/api/impact", { text: $("source").value, base: Number($("base").value) });
  $("impact-panel").hidden = false;
  if (data.error) {
    showDetails($("impact-text"), data);
    $("impact-summary").textContent = "";
    $("impact-chart").replaceChildren();
    $("impact-units").replaceChildren();
    return;
  }
  $("impact-summary").textContent =
    `${ui.flags_gained} ${data.flags_gained} · ${ui.flags_lost} ${data.flags_lost} · ${ui.subsidies_changed} ${data.subsidies_changed}`;
  $("impact-chart").innerHTML = data.chart;  // made by the server's HTML writer: every label escaped
  const table = $("impact-units");
  table.replaceChildren();
  const head = table.insertRow();
  for (const word of [ui.unit, ui.flags_year, ui.subsidy]) {
    const th = document.createElement("th");
    th.textContent = word;
    head.append(th);
  }
  for (const u of data.units) {
    const row = table.insertRow();
    row.insertCell().textContent = u.unit;
    row.insertCell().textContent = `${u.old_flags} → ${u.new_flags}`;
    row.insertCell().textContent = `${u.old_subsidy}% → ${u.new_subsidy}%`;
  }
  $("impact-text").textContent = data.text;
}

async function saveDraft(event) {
  event.preventDefault();
  const result = $("save-result");
  const { status, data } = await api("POST", "/api/save", {
    text: $("source").value, id: $("save-id").value.trim(), effective: $("save-effective").value.trim() });
  if (status === 201) {
    result.className = "";
    result.textContent = `${ui.saved} ${data.saved}`;
    await loadVersions();
  } else {
    result.className = "failed";
    showDetails(result, data);
  }
}

async function explain(unit, period) {
  const query = period === undefined ? `unit=${unit}` : `unit=${unit}&period=${period}`;
  const { data } = await api("GET", `/api/explain?${query}`);
  $("explain-text").textContent = data.error ? data.error : data.text;
}

async function loadScores() {
  const { data } = await api("GET", "/api/scores");
  const holder = $("scores-table");
  if (data.error) {
    holder.textContent = data.error + (data.details ? "\n" + data.details : "");
    return;
  }
  const table = document.createElement("table");
  const head = table.insertRow();
  for (const word of [ui.unit, ...data.periods.map((p) => p.name), ui.rank, ui.subsidy]) {
    const th = document.createElement("th");
    th.textContent = word;
    head.append(th);
  }
  for (const u of data.units) {
    const row = table.insertRow();
    const name = document.createElement("th");
    name.className = "unit";
    name.textContent = u.unit;
    name.addEventListener("click", () => explain(u.index));
    row.append(name);
    u.scores.forEach((score, p) => {
      const cell = row.insertCell();
      cell.textContent = score;
      if (u.flags[p]) cell.className = "flag";
      cell.addEventListener("click", () => explain(u.index, p));
    });
    row.insertCell().textContent = u.year_rank === undefined ? "" : String(u.year_rank || "");
    row.insertCell().textContent = u.subsidy === undefined ? "" : `${u.subsidy}%`;
  }
  holder.replaceChildren(table);
}

async function start() {
  ui = (await api("GET", "/api/ui")).data;
  for (const element of document.querySelectorAll("[data-ui]")) element.textContent = ui[element.dataset.ui];
  const source = $("source");
  source.addEventListener("input", scheduleCheck);
  source.addEventListener("scroll", syncScroll);
  $("format").addEventListener("click", formatDraft);
  $("diff").addEventListener("click", showDiff);
  $("impact").addEventListener("click", showImpact);
  $("save-form").addEventListener("submit", saveDraft);
  for (const id of ["save-id", "save-effective"]) $(id).addEventListener("input", () => { $(id).dataset.touched = "1"; });
  await loadVersions();
  if (versions.length) await openVersion(versions.length - 1);
  await loadScores();
}

start();
