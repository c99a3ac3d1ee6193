// DocScreen gate console: screen a document image, show the verdict with its reasons, record the officer's
// decision. Plain JavaScript, no framework, nothing fetched from outside the gate. Every value that comes from
// the server (names, numbers, messages) is personal data and possibly hostile: it is only ever set with
// textContent, never parsed as HTML, and never written to the browser's console.
"use strict";

(() => {
  // ---------------------------------------------------------------------------------------------------------
  // Strings
  // ---------------------------------------------------------------------------------------------------------
  const STRINGS = {
    en: {
      "app.title": "Gate console",
      "app.documentTitle": "DocScreen gate console",
      "lang.group": "Language",
      "status.gate": "Gate",
      "status.watchlist": "Watchlist",
      "status.outbox": "Waiting to send",
      "status.ok": "Connected",
      "status.down": "Gate not answering",
      "status.none": "none",
      "drop.title": "Drop a document image here",
      "drop.or": "or",
      "drop.choose": "Choose an image…",
      "drop.release": "Release to screen this image",
      "drop.busy": "Screening {name}…",
      "drop.done": "Screened {name}",
      "drop.failed": "Not screened: {message}",
      "drop.many": "One image at a time: screening {name} only.",
      "decision.title": "Officer's decision",
      "decision.admitted": "Admitted",
      "decision.referred": "Referred to second line",
      "decision.refused": "Refused",
      "decision.note": "Note",
      "decision.submit": "Record decision",
      "decision.saving": "Recording…",
      "decision.recorded": "Decision recorded",
      "decision.pick": "Choose admitted, referred or refused first.",
      "decision.failed": "The decision was not recorded: {message}",
      "decision.badge": "Decision: {decision}",
      "decision.noScan": "Screen a document first.",
      "recent.title": "Recent scans",
      "recent.empty": "No scans yet in this session.",
      "recent.decided": "Decided: {decision}",
      "recent.undecided": "No decision yet",
      "placeholder.text": "Waiting for a document. Place it on the scanner, or drop an image on this page.",
      "result.label": "Scan result",
      "verdict.clear": "CLEAR",
      "verdict.refer": "REFER",
      "verdict.alert": "ALERT",
      "verdict.unknown": "NO VERDICT",
      "reasons.none": "No problems found.",
      "reasons.more": "and {n} more of this kind",
      "meta.file": "File",
      "meta.scanned": "Scanned",
      "meta.record": "Record",
      "image.caption": "Scanned page with the checks drawn on it (click to enlarge)",
      "image.alt": "Scanned page with the machine-readable zone, the printed fields and the findings marked",
      "image.zoomTitle": "Scanned page",
      "image.close": "Close",
      "fields.title": "Document data: MRZ and printed page",
      "fields.field": "Field",
      "fields.mrz": "MRZ",
      "fields.viz": "Printed page",
      "fields.check": "Check",
      "fields.none": "No MRZ was read from this image.",
      "fields.vizError": "The printed page was not read: {message}",
      "fields.confidence": "read with {n}% confidence",
      "outcome.agrees": "Agrees",
      "outcome.mismatch": "Mismatch",
      "outcome.unreadable": "Not read",
      "outcome.none": "Not compared",
      "outcome.flagged": "See findings",
      "field.surname": "Surname",
      "field.givenNames": "Given names",
      "field.name": "Name",
      "field.documentNumber": "Document number",
      "field.nationality": "Nationality",
      "field.birthDate": "Date of birth",
      "field.sex": "Sex",
      "field.expiryDate": "Date of expiry",
      "field.issuingState": "Issuing state",
      "field.documentCode": "Document type",
      "field.optionalData": "Optional data",
      "field.optionalData2": "Optional data (line 2)",
      "field.nameTruncated": "Name truncated",
      "sex.M": "male",
      "sex.F": "female",
      "sex.X": "unspecified",
      "sex.<": "unspecified",
      "yes": "yes",
      "no": "no",
      "watchlist.title": "Watchlist matches",
      "findings.title": "Findings",
      "findings.none": "No findings.",
      "findings.noneOther": "No other findings.",
      "findings.notes": "{n} more for information only",
      "findings.field": "field: {field}",
      "severity.alert": "Alert",
      "severity.refer": "Refer",
      "severity.info": "Info",
      "evidence.expected": "Expected",
      "evidence.measured": "Found",
      "evidence.location": "Position on the page",
      "evidence.score": "Score",
      "evidence.viz.measured": "Printed page",
      "evidence.viz.expected": "MRZ",
      "evidence.watchlist.measured": "Match",
      "evidence.watchlist.expected": "Rule applied",
      "mrz.title": "Machine-readable zone (MRZ)",
      "mrz.valid": "check digits and format valid",
      "mrz.invalid": "not valid",
      "mrz.confidence": "reading confidence {mean}% (lowest character {min}%)",
      "mrz.corrections": "{n} character(s) corrected by the reader",
      "check.documentNumber": "Document number",
      "check.birthDate": "Date of birth",
      "check.expiryDate": "Date of expiry",
      "check.optionalData": "Optional data",
      "check.optionalData2": "Optional data (line 2)",
      "check.composite": "Overall",
      "check.expectedFound": "expected {expected}, found {found}",
      "timings": "Screened in {total} ms (printed page {viz} ms).",
      "scanError": "{label}: {message}",
      "error.network": "The gate did not answer. Check that the gate service is running.",
      "error.api": "The gate refused the request: {message}",
      "error.field": "(field: {field})",
      "error.record": "The scan could not be shown: {message}",
      "error.badResponse": "The gate's answer could not be read.",
      "code.mrz.syntax": "MRZ text is malformed",
      "code.mrz.check_digit": "MRZ check digit is wrong",
      "code.mrz.composite_check_digit": "MRZ overall check digit is wrong",
      "code.mrz.invalid_date": "Impossible date in the MRZ",
      "code.mrz.expired": "Document has expired",
      "code.mrz.birth_after_expiry": "Date of birth is after the date of expiry",
      "code.mrz.unknown_state": "Unknown country code",
      "code.mrz.invalid_sex": "Invalid sex code",
      "code.mrz.specimen": "Specimen document",
      "code.mrz.corrected": "MRZ characters were corrected when read",
      "code.mrz.not_found": "No MRZ found on the page",
      "code.layout.pitch": "MRZ characters unevenly spaced",
      "code.layout.alignment": "MRZ lines out of alignment",
      "code.layout.font": "MRZ font is not OCR-B",
      "code.layout.position": "MRZ in the wrong place on the page",
      "code.layout.pasted_region": "Part of the page looks pasted in",
      "code.image.recompressed": "Image saved more than once (possible editing)",
      "code.image.unreadable": "Image could not be read",
      "code.viz.mismatch": "Printed page differs from the MRZ",
      "code.viz.unreadable": "Printed field could not be checked",
      "code.watchlist.person": "Holder resembles a watchlist entry",
      "code.watchlist.document": "Document listed as lost or stolen",
      "code.batch.duplicate_document": "Same document seen in another scan",
      "code.batch.identity_reuse": "Same identity on different documents",
      "code.batch.unencodable": "Result could not be stored",
    },
    vi: {
      "app.title": "Bảng điều khiển cửa khẩu",
      "app.documentTitle": "DocScreen – Bảng điều khiển cửa khẩu",
      "lang.group": "Ngôn ngữ",
      "status.gate": "Cửa khẩu",
      "status.watchlist": "Danh sách theo dõi",
      "status.outbox": "Chờ gửi",
      "status.ok": "Đã kết nối",
      "status.down": "Cửa khẩu không phản hồi",
      "status.none": "không có",
      "drop.title": "Thả ảnh giấy tờ vào đây",
      "drop.or": "hoặc",
      "drop.choose": "Chọn ảnh…",
      "drop.release": "Thả ra để kiểm tra ảnh này",
      "drop.busy": "Đang kiểm tra {name}…",
      "drop.done": "Đã kiểm tra {name}",
      "drop.failed": "Chưa kiểm tra được: {message}",
      "drop.many": "Mỗi lần một ảnh: chỉ kiểm tra {name}.",
      "decision.title": "Quyết định của cán bộ",
      "decision.admitted": "Cho nhập cảnh",
      "decision.referred": "Chuyển tuyến hai",
      "decision.refused": "Từ chối",
      "decision.note": "Ghi chú",
      "decision.submit": "Ghi quyết định",
      "decision.saving": "Đang ghi…",
      "decision.recorded": "Đã ghi quyết định",
      "decision.pick": "Hãy chọn Cho nhập cảnh, Chuyển tuyến hai hoặc Từ chối trước.",
      "decision.failed": "Chưa ghi được quyết định: {message}",
      "decision.badge": "Quyết định: {decision}",
      "decision.noScan": "Hãy kiểm tra một giấy tờ trước.",
      "recent.title": "Các lần quét gần đây",
      "recent.empty": "Chưa có lần quét nào trong phiên này.",
      "recent.decided": "Đã quyết định: {decision}",
      "recent.undecided": "Chưa có quyết định",
      "placeholder.text": "Đang chờ giấy tờ. Hãy đặt giấy tờ lên máy quét hoặc thả ảnh vào trang này.",
      "result.label": "Kết quả kiểm tra",
      "verdict.clear": "THÔNG QUA",
      "verdict.refer": "CHUYỂN KIỂM TRA",
      "verdict.alert": "CẢNH BÁO",
      "verdict.unknown": "CHƯA CÓ KẾT LUẬN",
      "reasons.none": "Không phát hiện vấn đề.",
      "reasons.more": "và {n} trường hợp tương tự",
      "meta.file": "Tệp",
      "meta.scanned": "Quét lúc",
      "meta.record": "Mã bản ghi",
      "image.caption": "Trang đã quét với các điểm kiểm tra được đánh dấu (bấm để phóng to)",
      "image.alt": "Trang đã quét, đánh dấu vùng MRZ, các trường in và các phát hiện",
      "image.zoomTitle": "Trang đã quét",
      "image.close": "Đóng",
      "fields.title": "Dữ liệu giấy tờ: MRZ và trang in",
      "fields.field": "Trường",
      "fields.mrz": "MRZ",
      "fields.viz": "Trang in",
      "fields.check": "Đối chiếu",
      "fields.none": "Không đọc được vùng MRZ từ ảnh này.",
      "fields.vizError": "Không đọc được trang in: {message}",
      "fields.confidence": "độ tin cậy {n}%",
      "outcome.agrees": "Khớp",
      "outcome.mismatch": "Không khớp",
      "outcome.unreadable": "Không đọc được",
      "outcome.none": "Không đối chiếu",
      "outcome.flagged": "Xem phát hiện",
      "field.surname": "Họ",
      "field.givenNames": "Tên",
      "field.name": "Họ tên",
      "field.documentNumber": "Số hộ chiếu / giấy tờ",
      "field.nationality": "Quốc tịch",
      "field.birthDate": "Ngày sinh",
      "field.sex": "Giới tính",
      "field.expiryDate": "Ngày hết hạn",
      "field.issuingState": "Quốc gia cấp",
      "field.documentCode": "Loại giấy tờ",
      "field.optionalData": "Dữ liệu tùy chọn",
      "field.optionalData2": "Dữ liệu tùy chọn (dòng 2)",
      "field.nameTruncated": "Tên bị cắt ngắn",
      "sex.M": "nam",
      "sex.F": "nữ",
      "sex.X": "không xác định",
      "sex.<": "không xác định",
      "yes": "có",
      "no": "không",
      "watchlist.title": "Trùng khớp danh sách theo dõi",
      "findings.title": "Phát hiện",
      "findings.none": "Không có phát hiện nào.",
      "findings.noneOther": "Không có phát hiện nào khác.",
      "findings.notes": "{n} mục khác, chỉ để tham khảo",
      "findings.field": "trường: {field}",
      "severity.alert": "Cảnh báo",
      "severity.refer": "Cần kiểm tra",
      "severity.info": "Thông tin",
      "evidence.expected": "Giá trị mong đợi",
      "evidence.measured": "Giá trị đọc được",
      "evidence.location": "Vị trí trên trang",
      "evidence.score": "Điểm",
      "evidence.viz.measured": "Trang in",
      "evidence.viz.expected": "MRZ",
      "evidence.watchlist.measured": "Mức trùng khớp",
      "evidence.watchlist.expected": "Quy tắc áp dụng",
      "mrz.title": "Vùng đọc máy (MRZ)",
      "mrz.valid": "chữ số kiểm tra và định dạng hợp lệ",
      "mrz.invalid": "không hợp lệ",
      "mrz.confidence": "độ tin cậy khi đọc {mean}% (ký tự thấp nhất {min}%)",
      "mrz.corrections": "{n} ký tự đã được hiệu chỉnh khi đọc",
      "check.documentNumber": "Số giấy tờ",
      "check.birthDate": "Ngày sinh",
      "check.expiryDate": "Ngày hết hạn",
      "check.optionalData": "Dữ liệu tùy chọn",
      "check.optionalData2": "Dữ liệu tùy chọn (dòng 2)",
      "check.composite": "Tổng hợp",
      "check.expectedFound": "cần {expected}, đọc được {found}",
      "timings": "Thời gian kiểm tra {total} ms (trang in {viz} ms).",
      "scanError": "{label}: {message}",
      "error.network": "Cửa khẩu không phản hồi. Hãy kiểm tra dịch vụ cửa khẩu có đang chạy không.",
      "error.api": "Cửa khẩu từ chối yêu cầu: {message}",
      "error.field": "(trường: {field})",
      "error.record": "Không hiển thị được lần quét: {message}",
      "error.badResponse": "Không đọc được phản hồi của cửa khẩu.",
      "code.mrz.syntax": "Vùng MRZ sai định dạng",
      "code.mrz.check_digit": "Sai chữ số kiểm tra trong MRZ",
      "code.mrz.composite_check_digit": "Sai chữ số kiểm tra tổng hợp của MRZ",
      "code.mrz.invalid_date": "Ngày tháng không hợp lệ trong MRZ",
      "code.mrz.expired": "Giấy tờ đã hết hạn",
      "code.mrz.birth_after_expiry": "Ngày sinh sau ngày hết hạn",
      "code.mrz.unknown_state": "Mã quốc gia không xác định",
      "code.mrz.invalid_sex": "Mã giới tính không hợp lệ",
      "code.mrz.specimen": "Giấy tờ mẫu (specimen)",
      "code.mrz.corrected": "Ký tự MRZ đã được hiệu chỉnh khi đọc",
      "code.mrz.not_found": "Không tìm thấy vùng MRZ trên trang",
      "code.layout.pitch": "Khoảng cách ký tự MRZ không đều",
      "code.layout.alignment": "Các dòng MRZ bị lệch",
      "code.layout.font": "Phông chữ MRZ không phải OCR-B",
      "code.layout.position": "Vùng MRZ sai vị trí trên trang",
      "code.layout.pasted_region": "Một phần trang có dấu hiệu bị dán ghép",
      "code.image.recompressed": "Ảnh đã bị nén lại nhiều lần (có thể đã bị chỉnh sửa)",
      "code.image.unreadable": "Không đọc được ảnh",
      "code.viz.mismatch": "Trang in khác với MRZ",
      "code.viz.unreadable": "Không đối chiếu được trường in",
      "code.watchlist.person": "Người mang giấy tờ giống một đối tượng trong danh sách theo dõi",
      "code.watchlist.document": "Giấy tờ nằm trong danh sách bị mất hoặc bị đánh cắp",
      "code.batch.duplicate_document": "Cùng giấy tờ đã xuất hiện ở lần quét khác",
      "code.batch.identity_reuse": "Cùng nhân thân trên nhiều giấy tờ khác nhau",
      "code.batch.unencodable": "Không lưu được kết quả",
    },
  };

  const LANGS = ["en", "vi"];
  const LANG_KEY = "docscreen.console.lang";
  const RECENT_KEY = "docscreen.console.recent";
  const RECENT_MAX = 10;
  const POLL_MS = 1500;
  const HEALTH_MS = 5000;
  const FIELD_ORDER = ["surname", "givenNames", "documentNumber", "nationality", "birthDate", "sex", "expiryDate",
    "issuingState", "documentCode", "optionalData", "optionalData2"];
  const SEVERITY_RANK = { alert: 0, refer: 1, info: 2 };
  const EVIDENCE_ORDER = ["measured", "expected"];
  const OPTIONAL_ROWS = ["optionalData", "optionalData2"];
  const VERDICT_ICON = { clear: "#i-clear", refer: "#i-refer", alert: "#i-alert" };
  const SEVERITY_ICON = { alert: "#i-alert", refer: "#i-refer", info: "#i-info" };

  // ---------------------------------------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------------------------------------
  const state = {
    lang: "en",
    langChosen: false,   // by ?lang= or a remembered toggle: the server's default does not override it
    health: null,
    current: null,       // {record, file, verdict, result, decision, scannedAt}
    recent: [],          // newest first: {record, file, verdict, decision, scannedAt}
    known: new Set(),    // record ids already seen by this page (not replayed by the poll)
    lastRecord: null,    // the newest record id of the gate, for `after`
    pollReady: false,
    uploading: 0,
    selected: null,      // the decision button pressed
    drafts: new Map(),   // record id -> {decision, note} not yet submitted (memory only)
    dropStatus: null,    // {key, vars, kind}
    decisionStatus: null,
    apiError: null,      // {key, vars}
  };

  const $ = (id) => document.getElementById(id);

  function t(key, vars) {
    const table = STRINGS[state.lang] || STRINGS.en;
    let s = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : (STRINGS.en[key] ?? key);
    if (vars) {
      s = s.replace(/\{(\w+)\}/g, (m, name) => (Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : m));
    }
    return s;
  }

  function has(key) {
    return Object.prototype.hasOwnProperty.call(STRINGS.en, key);
  }

  /** The plain-words label of a finding code, or the code itself. */
  function codeLabel(code) {
    return has("code." + code) ? t("code." + code) : String(code);
  }

  function fieldLabel(name) {
    return has("field." + name) ? t("field." + name) : String(name);
  }

  /** `given_names` -> `givenNames` (the printed page's fields are snake case, the MRZ's camel case). */
  function camel(name) {
    return String(name).replace(/_([a-z0-9])/g, (m, c) => c.toUpperCase());
  }

  /** An element with attributes and children (strings become text nodes: never parsed as HTML). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === "class") node.className = v;
        else if (k === "dataset") Object.assign(node.dataset, v);
        else node.setAttribute(k, v === true ? "" : String(v));
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) append(node, c);
      else if (c instanceof Node) node.appendChild(c);
      else node.appendChild(document.createTextNode(String(c)));
    }
  }

  function icon(href, cls) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    if (cls) svg.setAttribute("class", cls);
    const use = document.createElementNS(ns, "use");
    use.setAttribute("href", href);
    svg.appendChild(use);
    return svg;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function text(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "object") {
      try { return JSON.stringify(value); } catch (e) { return String(value); }
    }
    return String(value);
  }

  function percent(x) {
    if (typeof x !== "number" || !isFinite(x)) return "?";
    const p = Math.round(x * 1000) / 10;
    return p.toLocaleString(locale(), { maximumFractionDigits: 1 });
  }

  function locale() {
    return state.lang === "vi" ? "vi-VN" : "en-GB";
  }

  function timeText(iso) {
    const d = iso ? new Date(iso) : new Date();
    if (isNaN(d.getTime())) return "";
    return d.toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  /** The file's name without its folder (a watched folder's scans are recorded with their path). */
  function baseName(file) {
    const s = text(file);
    return s.split(/[\\/]/).filter((x) => x !== "").pop() || s;
  }

  function verdictKey(v) {
    return v === "clear" || v === "refer" || v === "alert" ? v : "unknown";
  }

  // ---------------------------------------------------------------------------------------------------------
  // The gate's API
  // ---------------------------------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, code, message, field) {
      super(message);
      this.status = status;
      this.code = code;
      this.field = field;
    }
  }

  async function api(method, path, body, contentType) {
    const init = { method, headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin" };
    if (body !== undefined) {
      init.body = body;
      init.headers["Content-Type"] = contentType || "application/json";
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, "network", null, null);
    }
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (!response.ok) {
      const err = data && typeof data === "object" && data.error && typeof data.error === "object" ? data.error : {};
      throw new ApiError(response.status, text(err.code) || "http_" + response.status,
        text(err.message) || "HTTP " + response.status, err.field ? text(err.field) : null);
    }
    if (data === null || typeof data !== "object") throw new ApiError(response.status, "bad_response", null, null);
    return data;
  }

  /** Plain words for an error: the server's own message (English) with the field it names. */
  function errorText(e) {
    if (!(e instanceof ApiError)) return t("error.badResponse");
    if (e.status === 0) return t("error.network");
    if (e.code === "bad_response") return t("error.badResponse");
    const field = e.field ? " " + t("error.field", { field: e.field }) : "";
    return e.message + field + " [" + e.status + " " + e.code + "]";
  }

  function showApiError(key, e) {
    state.apiError = e ? { key, message: errorText(e) } : null;
    renderApiError();
  }

  function renderApiError() {
    const box = $("api-error");
    if (!state.apiError) {
      box.hidden = true;
      box.textContent = "";
      return;
    }
    box.textContent = t(state.apiError.key, { message: state.apiError.message });
    box.hidden = false;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Language
  // ---------------------------------------------------------------------------------------------------------
  function initialLanguage() {
    const forced = new URLSearchParams(window.location.search).get("lang");
    if (forced && LANGS.includes(forced)) {
      state.lang = forced;
      state.langChosen = true;
      return;
    }
    let remembered = null;
    try { remembered = window.localStorage.getItem(LANG_KEY); } catch (e) { remembered = null; }
    if (remembered && LANGS.includes(remembered)) {
      state.lang = remembered;
      state.langChosen = true;
    }
  }

  function setLanguage(lang, remember) {
    if (!LANGS.includes(lang)) return;
    state.lang = lang;
    if (remember) {
      state.langChosen = true;
      try { window.localStorage.setItem(LANG_KEY, lang); } catch (e) { /* private mode: not remembered */ }
    }
    applyLanguage();
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.title = t("app.documentTitle");
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    for (const b of document.querySelectorAll(".lang-button")) b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang));
    document.querySelector(".lang").setAttribute("aria-label", t("lang.group") + " / " + (state.lang === "vi" ? "Language" : "Ngôn ngữ"));
    $("result").setAttribute("aria-label", t("result.label"));
    renderStatus();
    renderDropStatus();
    renderDecisionStatus();
    renderApiError();
    renderRecent();
    if (state.current) renderCard(false);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Status line
  // ---------------------------------------------------------------------------------------------------------
  async function refreshHealth() {
    try {
      const h = await api("GET", "/api/v1/health");
      state.health = h;
      state.healthDown = false;
      if (!state.langChosen && LANGS.includes(h.language) && h.language !== state.lang) {
        state.lang = h.language;
        applyLanguage();
      }
    } catch (e) {
      state.healthDown = true;
    }
    renderStatus();
  }

  function renderStatus() {
    const h = state.health;
    $("st-gate").textContent = h ? text(h.gate) : "…";
    $("st-watchlist").textContent = h ? (h.watchlistVersion === "none" ? t("status.none") : text(h.watchlistVersion)) : "…";
    $("st-outbox").textContent = h ? text(h.outbox) : "…";
    const conn = $("st-conn");
    if (state.healthDown) {
      conn.dataset.state = "down";
      conn.textContent = t("status.down");
    } else if (h) {
      conn.dataset.state = "ok";
      conn.textContent = t("status.ok");
    } else {
      conn.dataset.state = "unknown";
      conn.textContent = "";
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Scanning an image
  // ---------------------------------------------------------------------------------------------------------
  function setDropStatus(key, vars, kind) {
    state.dropStatus = key ? { key, vars, kind } : null;
    renderDropStatus();
  }

  function renderDropStatus() {
    const p = $("drop-state");
    const s = state.dropStatus;
    p.className = "drop-state" + (s && s.kind ? " " + s.kind : "");
    p.textContent = s ? t(s.key, s.vars) : "";
    $("drop").classList.toggle("busy", state.uploading > 0);
  }

  async function scanFile(file) {
    if (!file) return;
    const name = file.name || "upload";
    state.uploading += 1;
    setDropStatus("drop.busy", { name }, "busy");
    try {
      const result = await api("POST", "/api/v1/scan?name=" + encodeURIComponent(name.slice(0, 255)), file,
        file.type || "application/octet-stream");
      const entry = { record: text(result.record), file: text(result.file || name), verdict: result.verdict, result,
        decision: null, scannedAt: new Date().toISOString() };
      state.known.add(entry.record);
      addRecent(entry);
      show(entry);
      showApiError(null);
      setDropStatus("drop.done", { name }, null);
    } catch (e) {
      setDropStatus("drop.failed", { message: errorText(e) }, "error");
    } finally {
      state.uploading -= 1;
      renderDropStatus();
      refreshHealth();
    }
  }

  function initDropZone() {
    const input = $("file-input");
    input.addEventListener("change", () => {
      const file = input.files && input.files[0];
      if (file) scanFile(file);
      input.value = "";   // the same file again is a new scan
    });

    const overlay = $("drag-overlay");
    const drop = $("drop");
    let depth = 0;
    const hasFiles = (ev) => ev.dataTransfer && Array.from(ev.dataTransfer.types || []).includes("Files");
    window.addEventListener("dragenter", (ev) => {
      if (!hasFiles(ev)) return;
      ev.preventDefault();
      depth += 1;
      overlay.hidden = false;
      drop.classList.add("dragging");
    });
    window.addEventListener("dragover", (ev) => {
      if (!hasFiles(ev)) return;
      ev.preventDefault();
      ev.dataTransfer.dropEffect = "copy";
    });
    window.addEventListener("dragleave", (ev) => {
      if (!hasFiles(ev)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) {
        overlay.hidden = true;
        drop.classList.remove("dragging");
      }
    });
    window.addEventListener("drop", (ev) => {
      if (!hasFiles(ev)) return;
      ev.preventDefault();   // never let the browser open the file in place of the console
      depth = 0;
      overlay.hidden = true;
      drop.classList.remove("dragging");
      const files = ev.dataTransfer.files;
      if (!files || files.length === 0) return;
      scanFile(files[0]).then(() => {
        if (files.length > 1) setDropStatus("drop.many", { name: files[0].name }, null);
      });
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Records: recent list, the watched folder's new scans
  // ---------------------------------------------------------------------------------------------------------
  function fromEntry(e) {
    const result = e && typeof e.result === "object" && e.result ? e.result : {};
    return { record: text(e.record), file: text(e.file || result.file), verdict: e.verdict || result.verdict, result,
      decision: e.decision || null, scannedAt: e.scannedAt || null };
  }

  function addRecent(entry) {
    const i = state.recent.findIndex((r) => r.record === entry.record);
    const item = { record: entry.record, file: entry.file, verdict: entry.verdict, decision: entry.decision,
      scannedAt: entry.scannedAt };
    if (i >= 0) state.recent.splice(i, 1);
    state.recent.unshift(item);
    if (state.recent.length > RECENT_MAX) state.recent.length = RECENT_MAX;
    saveRecent();
    renderRecent();
  }

  /** The recent list's record ids only (no personal data) for this tab, so that a reload keeps the list. */
  function saveRecent() {
    try {
      window.sessionStorage.setItem(RECENT_KEY, JSON.stringify(state.recent.map((r) => r.record)));
    } catch (e) { /* storage unavailable: the list lasts as long as the page */ }
  }

  async function restoreRecent() {
    let ids = [];
    try {
      ids = JSON.parse(window.sessionStorage.getItem(RECENT_KEY) || "[]");
    } catch (e) {
      ids = [];
    }
    if (!Array.isArray(ids)) return;
    ids = ids.filter((id) => typeof id === "string" && /^[0-9A-Fa-f-]{36}$/.test(id)).slice(0, RECENT_MAX);
    const entries = await Promise.all(ids.map((id) =>
      api("GET", "/api/v1/records/" + encodeURIComponent(id)).then(fromEntry, () => null)));
    const found = entries.filter((e) => e !== null);
    for (const e of found) state.known.add(e.record);
    // Scans that arrived while these were fetched stay first.
    const kept = new Set(state.recent.map((r) => r.record));
    for (const e of found) {
      if (kept.has(e.record)) continue;
      state.recent.push({ record: e.record, file: e.file, verdict: e.verdict, decision: e.decision, scannedAt: e.scannedAt });
    }
    if (state.recent.length > RECENT_MAX) state.recent.length = RECENT_MAX;
    saveRecent();
    renderRecent();
  }

  function renderRecent() {
    const list = $("recent-list");
    clear(list);
    $("recent-empty").hidden = state.recent.length > 0;
    for (const r of state.recent) {
      const v = verdictKey(r.verdict);
      const button = el("button", {
        type: "button", class: "recent-item", dataset: { verdict: v, record: r.record },
        "aria-current": state.current && state.current.record === r.record ? "true" : null,
      },
      el("span", { class: "recent-verdict" }, t("verdict." + v)),
      el("span", { class: "recent-file", title: r.file }, baseName(r.file)),
      el("span", { class: "recent-time" }, timeText(r.scannedAt)),
      el("span", { class: "recent-done" }, r.decision ? t("recent.decided", { decision: t("decision." + r.decision.decision) })
        : t("recent.undecided")));
      button.addEventListener("click", () => openRecord(r.record));
      list.appendChild(el("li", null, button));
    }
  }

  async function openRecord(id) {
    try {
      const entry = fromEntry(await api("GET", "/api/v1/records/" + encodeURIComponent(id)));
      addRecentKeepingOrder(entry);
      show(entry);
      showApiError(null);
    } catch (e) {
      showApiError("error.record", e);
    }
  }

  /** Updates a recent item's verdict and decision without moving it. */
  function addRecentKeepingOrder(entry) {
    const item = state.recent.find((r) => r.record === entry.record);
    if (item) {
      item.decision = entry.decision;
      item.verdict = entry.verdict;
      renderRecent();
    } else {
      addRecent(entry);
    }
  }

  /** The gate's newest record, so that the poll starts after it (old scans are not replayed). */
  async function findLastRecord() {
    if (state.health && Object.prototype.hasOwnProperty.call(state.health, "lastRecord")) {
      return state.health.lastRecord || null;   // a cheaper answer, when the gate gives it
    }
    let after = null;
    for (let page = 0; page < 100000; page += 1) {
      const q = after ? "?limit=500&after=" + encodeURIComponent(after) : "?limit=500";
      const list = await api("GET", "/api/v1/records" + q);
      if (!Array.isArray(list.records) || list.records.length === 0) break;
      after = list.last || list.records[list.records.length - 1].record;
    }
    return after;
  }

  async function poll() {
    try {
      if (!state.pollReady) {
        state.lastRecord = await findLastRecord();
        state.pollReady = true;
      } else {
        const q = state.lastRecord ? "?limit=100&after=" + encodeURIComponent(state.lastRecord) : "?limit=100";
        const list = await api("GET", "/api/v1/records" + q);
        const records = Array.isArray(list.records) ? list.records : [];
        if (records.length > 0) {
          state.lastRecord = list.last || records[records.length - 1].record;
          let newest = null;
          for (const raw of records) {
            const entry = fromEntry(raw);
            if (state.known.has(entry.record)) continue;
            state.known.add(entry.record);
            addRecent(entry);
            newest = entry;
          }
          // A scan from the watched folder: show it, unless the officer's own upload is on its way.
          if (newest && state.uploading === 0) {
            show(newest);
            setDropStatus(null);
          }
        }
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) state.pollReady = false;   // the gate's store was replaced
    }
    window.setTimeout(poll, POLL_MS);
  }

  // ---------------------------------------------------------------------------------------------------------
  // The decision
  // ---------------------------------------------------------------------------------------------------------
  function saveDraft() {
    const cur = state.current;
    if (!cur) return;
    const note = $("decision-note").value;
    if (state.selected || note) state.drafts.set(cur.record, { decision: state.selected, note });
    else state.drafts.delete(cur.record);
  }

  function resetDecisionForm(record) {
    const draft = state.drafts.get(record);
    state.selected = draft ? draft.decision : null;
    $("decision-note").value = draft ? draft.note : "";
    state.decisionStatus = null;
    renderDecisionButtons();
    renderDecisionStatus();
  }

  function renderDecisionButtons() {
    const enabled = !!state.current;
    for (const b of document.querySelectorAll(".decision-button")) {
      b.disabled = !enabled;
      b.setAttribute("aria-pressed", String(state.selected === b.dataset.decision));
    }
    $("decision-note").disabled = !enabled;
    $("decision-submit").disabled = !enabled || state.saving === true;
  }

  function setDecisionStatus(key, vars, kind) {
    state.decisionStatus = key ? { key, vars, kind } : null;
    renderDecisionStatus();
  }

  function renderDecisionStatus() {
    const p = $("decision-message");
    const s = state.decisionStatus;
    p.className = "decision-message" + (s && s.kind ? " " + s.kind : "");
    p.textContent = s ? t(s.key, s.vars) : "";
  }

  async function submitDecision(ev) {
    ev.preventDefault();
    const cur = state.current;
    if (!cur) {
      setDecisionStatus("decision.noScan", null, "error");
      return;
    }
    if (!state.selected) {
      setDecisionStatus("decision.pick", null, "error");
      return;
    }
    const body = JSON.stringify({ decision: state.selected, note: $("decision-note").value });
    state.saving = true;
    renderDecisionButtons();
    setDecisionStatus("decision.saving", null, null);
    try {
      const decision = await api("POST", "/api/v1/records/" + encodeURIComponent(cur.record) + "/decision", body, "application/json");
      state.drafts.delete(cur.record);
      cur.decision = decision;
      const item = state.recent.find((r) => r.record === cur.record);
      if (item) item.decision = decision;
      if (state.current === cur) {
        setDecisionStatus("decision.recorded", null, "ok");
        renderDecisionBadge();
      }
      renderRecent();
      refreshHealth();
    } catch (e) {
      if (state.current === cur) setDecisionStatus("decision.failed", { message: errorText(e) }, "error");
    } finally {
      state.saving = false;
      renderDecisionButtons();
    }
  }

  function initDecision() {
    for (const b of document.querySelectorAll(".decision-button")) {
      b.addEventListener("click", () => {
        state.selected = state.selected === b.dataset.decision ? null : b.dataset.decision;
        if (state.decisionStatus && state.decisionStatus.kind !== null) setDecisionStatus(null);
        renderDecisionButtons();
      });
    }
    $("decision-form").addEventListener("submit", submitDecision);
    renderDecisionButtons();
  }

  // ---------------------------------------------------------------------------------------------------------
  // The result card
  // ---------------------------------------------------------------------------------------------------------
  function show(entry) {
    if (state.current && state.current.record !== entry.record) saveDraft();
    const same = state.current && state.current.record === entry.record;
    state.current = entry;
    if (!same) resetDecisionForm(entry.record);
    renderDecisionButtons();
    renderCard(!same);
    renderRecent();
  }

  function renderCard(newImage) {
    const cur = state.current;
    const r = cur.result || {};
    $("placeholder").hidden = true;
    $("card").hidden = false;
    $("card").dataset.record = cur.record;
    renderVerdict(cur, r);
    renderDecisionBadge();
    renderScanError(r);
    if (newImage) renderImage(cur);
    renderFields(r);
    renderFindings(r);
    renderMRZ(r);
    renderTimings(r);
  }

  function findingsOf(r) {
    return Array.isArray(r.findings) ? r.findings.filter((f) => f && typeof f === "object") : [];
  }

  function renderVerdict(cur, r) {
    const v = verdictKey(cur.verdict || r.verdict);
    const banner = $("verdict-banner");
    banner.dataset.verdict = v;
    $("verdict-icon-use").setAttribute("href", VERDICT_ICON[v] || "#i-info");
    const word = $("verdict");
    word.dataset.verdict = v;
    word.textContent = t("verdict." + v);

    const list = $("reasons-list");
    clear(list);
    const findings = findingsOf(r);
    const reasons = Array.isArray(r.reasons) ? r.reasons.map(text) : [];
    const seen = new Set();
    for (const code of reasons) {
      if (seen.has(code)) continue;
      seen.add(code);
      const matching = findings.filter((f) => f.code === code);
      const li = el("li", { dataset: { code } }, codeLabel(code));
      if (matching.length > 0) {
        li.appendChild(el("span", { class: "reason-message", lang: "en" }, text(matching[0].message)));
        if (matching.length > 1) li.appendChild(el("span", { class: "reason-message" }, t("reasons.more", { n: matching.length - 1 })));
      }
      list.appendChild(li);
    }
    if (reasons.length === 0 && v === "clear") list.appendChild(el("li", null, t("reasons.none")));

    const meta = $("scan-meta");
    clear(meta);
    append(meta, [
      t("meta.file") + ": ", el("span", { class: "meta-file", title: cur.file }, baseName(cur.file)), el("br"),
      t("meta.scanned") + ": " + timeText(cur.scannedAt), el("br"),
      t("meta.record") + ": ", el("span", { title: cur.record }, cur.record.slice(0, 8)),
    ]);
  }

  function renderDecisionBadge() {
    const badge = $("decision-badge");
    const d = state.current && state.current.decision;
    clear(badge);
    if (!d) {
      badge.hidden = true;
      return;
    }
    append(badge, [
      t("decision.badge", { decision: t("decision." + d.decision) }),
      d.decidedAt ? " · " + timeText(d.decidedAt) : "",
      d.note ? el("span", { class: "badge-note", title: text(d.note) }, text(d.note)) : null,
    ]);
    badge.dataset.decision = text(d.decision);
    badge.hidden = false;
  }

  function renderScanError(r) {
    const p = $("scan-error");
    const err = r.error && typeof r.error === "object" ? r.error : null;
    const reasons = Array.isArray(r.reasons) ? r.reasons : [];
    if (!err || reasons.includes(err.code)) {   // a reason already says it, with the message, in the banner
      p.hidden = true;
      p.textContent = "";
      return;
    }
    p.textContent = t("scanError", { label: codeLabel(text(err.code)), message: text(err.message) });
    p.hidden = false;
  }

  function renderImage(cur) {
    const box = $("image-box");
    const img = $("annotated");
    const grid = box.parentElement;
    // The space is kept while the page is drawn (no jump); it goes only when the gate no longer has the page.
    box.hidden = false;
    box.classList.add("loading");
    grid.classList.remove("no-image");
    const url = "/api/v1/records/" + encodeURIComponent(cur.record) + "/annotated.png";
    img.onload = () => {
      if (state.current !== cur) return;
      box.classList.remove("loading");
    };
    img.onerror = () => {
      if (state.current !== cur) return;
      box.classList.remove("loading");
      box.hidden = true;
      grid.classList.add("no-image");
    };
    img.alt = t("image.alt");
    $("annotated-link").href = url;
    img.src = url;
  }

  function outcomeCell(outcome) {
    const kinds = { agrees: "#i-clear", mismatch: "#i-alert", unreadable: "#i-info", flagged: "#i-refer" };
    const key = has("outcome." + outcome) ? outcome : "none";
    return el("span", { class: "outcome outcome-" + key, title: t("outcome." + key) }, kinds[key] ? icon(kinds[key]) : null,
      el("span", { class: "outcome-text" }, t("outcome." + key)));
  }

  function mrzValue(name, value) {
    if (value === null || value === undefined) return "";
    if (name === "sex") {
      const s = text(value);
      return has("sex." + s) ? s + " (" + t("sex." + s) + ")" : s;
    }
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    return text(value);
  }

  function renderFields(r) {
    const body = $("fields-body");
    clear(body);
    const mrz = r.mrz && typeof r.mrz === "object" ? r.mrz : null;
    const fields = mrz && mrz.fields && typeof mrz.fields === "object" ? mrz.fields : null;
    const viz = r.viz && typeof r.viz === "object" ? r.viz : null;

    const cross = new Map();
    if (viz && Array.isArray(viz.crossCheck)) {
      for (const c of viz.crossCheck) if (c && c.field) cross.set(camel(c.field), c);
    }
    const vizFields = new Map();
    if (viz && viz.fields && typeof viz.fields === "object") {
      for (const [k, v] of Object.entries(viz.fields)) vizFields.set(camel(k), v);
    }
    // Fields that a finding of consequence names, and fields whose check digit fails.
    const flagged = new Set();
    for (const f of findingsOf(r)) if (f.field && f.severity !== "info") flagged.add(camel(f.field));
    if (mrz && Array.isArray(mrz.checks)) for (const c of mrz.checks) if (c && c.valid === false && c.name) flagged.add(camel(c.name));

    const names = [];
    for (const n of FIELD_ORDER) if ((fields && n in fields) || cross.has(n) || vizFields.has(n)) names.push(n);
    if (fields) for (const n of Object.keys(fields)) if (!names.includes(n) && n !== "nameTruncated") names.push(n);
    for (const n of cross.keys()) if (!names.includes(n)) names.push(n);

    for (const name of names) {
      const c = cross.get(name);
      const vf = vizFields.get(name);
      if (OPTIONAL_ROWS.includes(name) && !c && !vf && !(fields && fields[name])) continue;
      const outcome = c ? text(c.outcome) : null;
      let vizText = c && c.viz !== null && c.viz !== undefined ? text(c.viz) : (vf && vf.value !== undefined ? text(vf.value) : "");
      const conf = c && typeof c.confidence === "number" ? c.confidence : (vf && typeof vf.confidence === "number" ? vf.confidence : null);
      const vizCell = el("td", { class: "value", lang: "und", title: vizText && conf !== null ? t("fields.confidence", { n: percent(conf) }) : null },
        vizText || "—");
      if (c && c.detail && outcome !== "agrees") vizCell.appendChild(el("span", { class: "detail", lang: "en" }, text(c.detail)));
      let shown = outcome || (vizText ? "none" : null);
      let rowClass = null;
      if (outcome === "mismatch") rowClass = "mismatch";
      else if (flagged.has(name)) {
        rowClass = "flagged";
        if (!outcome || outcome === "agrees") shown = shown === "agrees" ? "agrees" : "flagged";
      }
      const mrzText = fields && name in fields ? mrzValue(name, fields[name]) : "";
      body.appendChild(el("tr", { class: rowClass, dataset: { field: name, outcome: outcome || "" } },
        el("th", { scope: "row" }, fieldLabel(name)),
        el("td", { class: "value", lang: "und" }, mrzText || "—"),
        vizCell,
        el("td", null, shown ? outcomeCell(shown) : "")));
    }
    if (fields && fields.nameTruncated === true) {
      body.appendChild(el("tr", { class: "flagged", dataset: { field: "nameTruncated" } },
        el("th", { scope: "row" }, fieldLabel("nameTruncated")), el("td", { class: "value" }, t("yes")), el("td", null, "—"), el("td", null, "")));
    }
    const table = $("fields-table");
    table.hidden = names.length === 0;
    $("fields-none").hidden = !!fields;
    const vizError = $("viz-error");
    if (viz && viz.error) {
      const msg = typeof viz.error === "object" ? text(viz.error.message || viz.error.code || viz.error) : text(viz.error);
      vizError.textContent = t("fields.vizError", { message: msg });
      vizError.hidden = false;
    } else {
      vizError.hidden = true;
      vizError.textContent = "";
    }
  }

  /** The label of an evidence key: for the finding's code, its family (`viz`, `watchlist`), or any finding. */
  function evidenceLabel(code, key) {
    const family = code.split(".")[0];
    for (const k of ["evidence." + code + "." + key, "evidence." + family + "." + key, "evidence." + key]) {
      if (has(k)) return t(k);
    }
    return String(key);
  }

  /** A watchlist match's explanation (`score 91.0: name +70.0, birth date exact +20.0`) one part a line. */
  function evidenceText(code, value) {
    const s = text(value);
    if (code.startsWith("watchlist.") && s.length > 40) return s.replace(/: /, ":\n").replace(/, /g, "\n");
    return s;
  }

  function findingItem(f) {
    const severity = SEVERITY_RANK[f.severity] !== undefined ? f.severity : "info";
    const code = text(f.code);
    const head = el("div", { class: "finding-head" },
      el("span", { class: "finding-label" }, codeLabel(code)),
      f.field ? el("span", { class: "finding-field" }, " · " + t("findings.field", { field: fieldLabel(camel(text(f.field))) })) : null);
    const li = el("li", { class: "finding", dataset: { code, severity } },
      el("span", { class: "severity severity-" + severity }, icon(SEVERITY_ICON[severity]), t("severity." + severity)),
      head,
      el("p", { class: "finding-message", lang: "en" }, text(f.message)));
    if (f.evidence && typeof f.evidence === "object" && !Array.isArray(f.evidence)) {
      const dl = el("dl", { class: "evidence" });
      const order = (k) => (EVIDENCE_ORDER.includes(k) ? EVIDENCE_ORDER.indexOf(k) : EVIDENCE_ORDER.length);
      const pairs = Object.entries(f.evidence).sort((a, b) => order(a[0]) - order(b[0]));
      for (const [k, v] of pairs) {
        if (v === null || v === undefined || v === "") continue;
        if (k === "location" && pairs.length > 1) continue;   // drawn on the annotated page; coordinates say nothing here
        dl.appendChild(el("dt", null, evidenceLabel(code, k)));
        dl.appendChild(el("dd", { lang: "und" }, evidenceText(code, v)));
      }
      if (dl.childNodes.length > 0) li.appendChild(dl);
    } else if (f.evidence !== undefined && f.evidence !== null) {
      li.appendChild(el("p", { class: "finding-message" }, text(f.evidence)));
    }
    return li;
  }

  function renderFindings(r) {
    const all = findingsOf(r).slice().sort((a, b) => (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3));
    const watch = all.filter((f) => text(f.code).startsWith("watchlist."));
    const rest = all.filter((f) => !text(f.code).startsWith("watchlist."));
    const main = rest.filter((f) => f.severity === "alert" || f.severity === "refer");
    const notes = rest.filter((f) => !(f.severity === "alert" || f.severity === "refer"));

    const wl = $("watchlist-list");
    clear(wl);
    for (const f of watch) wl.appendChild(findingItem(f));
    $("watchlist-section").hidden = watch.length === 0;

    const list = $("findings-list");
    clear(list);
    for (const f of main) list.appendChild(findingItem(f));
    const nl = $("notes-list");
    clear(nl);
    for (const f of notes) nl.appendChild(findingItem(f));
    const details = $("notes");
    details.hidden = notes.length === 0;
    $("notes-summary").textContent = t("findings.notes", { n: notes.length });
    // Nothing of consequence: the notes are the findings, shown open.
    if (main.length === 0 && notes.length > 0) details.open = true;
    const none = $("findings-none");
    none.hidden = rest.length > 0;
    none.textContent = t(watch.length > 0 ? "findings.noneOther" : "findings.none");
  }

  function renderMRZ(r) {
    const mrz = r.mrz && typeof r.mrz === "object" ? r.mrz : null;
    const section = $("mrz-section");
    section.hidden = !mrz;
    if (!mrz) return;
    $("mrz-lines").textContent = Array.isArray(mrz.lines) ? mrz.lines.map(text).join("\n") : "";
    const parts = [];
    if (mrz.format) parts.push(text(mrz.format));
    if (typeof mrz.valid === "boolean") parts.push(mrz.valid ? t("mrz.valid") : t("mrz.invalid"));
    if (mrz.confidence && typeof mrz.confidence === "object") {
      parts.push(t("mrz.confidence", { mean: percent(mrz.confidence.mean), min: percent(mrz.confidence.minimum) }));
    }
    if (Array.isArray(mrz.corrections) && mrz.corrections.length > 0) parts.push(t("mrz.corrections", { n: mrz.corrections.length }));
    $("mrz-summary").textContent = parts.join(" · ");
    const checks = $("mrz-checks");
    clear(checks);
    for (const c of Array.isArray(mrz.checks) ? mrz.checks : []) {
      if (!c || typeof c !== "object") continue;
      const ok = c.valid === true;
      const name = text(c.name);
      const label = has("check." + name) ? t("check." + name) : name;
      checks.appendChild(el("li", { class: ok ? "ok" : "bad", dataset: { check: name } },
        icon(ok ? "#i-clear" : "#i-alert"), label,
        ok ? null : " — " + t("check.expectedFound", { expected: text(c.expected), found: text(c.found) })));
    }
  }

  function renderTimings(r) {
    const tm = r.timingsMs && typeof r.timingsMs === "object" ? r.timingsMs : null;
    const p = $("timings");
    if (!tm || typeof tm.total !== "number") {
      p.textContent = "";
      return;
    }
    const ms = (x) => (typeof x === "number" ? Math.round(x).toLocaleString(locale()) : "0");
    p.textContent = t("timings", { total: ms(tm.total), viz: ms(tm.viz) });
  }

  function initZoom() {
    const dialog = $("zoom");
    $("annotated-link").addEventListener("click", (ev) => {
      if (typeof dialog.showModal !== "function") return;   // no <dialog>: the link opens the image
      ev.preventDefault();
      const img = $("zoom-image");
      img.alt = t("image.alt");
      img.src = $("annotated").src;
      img.classList.remove("actual");
      dialog.showModal();
    });
    $("zoom-image").addEventListener("click", (ev) => ev.currentTarget.classList.toggle("actual"));   // fit / actual size
    $("zoom-close").addEventListener("click", () => dialog.close());
    dialog.addEventListener("click", (ev) => {
      if (ev.target === dialog) dialog.close();   // a click on the backdrop
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Start
  // ---------------------------------------------------------------------------------------------------------
  function start() {
    initialLanguage();
    for (const b of document.querySelectorAll(".lang-button")) b.addEventListener("click", () => setLanguage(b.dataset.lang, true));
    initDropZone();
    initDecision();
    initZoom();
    applyLanguage();
    restoreRecent();
    refreshHealth().finally(() => {
      window.setInterval(refreshHealth, HEALTH_MS);
      poll();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
