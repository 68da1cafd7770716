/* Fangxian dashboard: figures from the REST API, alerts and stats pushed over SSE. */
(function () {
  'use strict';

  const I18N = {
    zh: {
      title: '防线 · 金坛区安全生产风险预警', subtitle: '隐患"一口清" · 整改"一本账" · 预警实时推送',
      connecting: '连接中', live: '实时', offline: '已断开', token: '令牌',
      kpiReported: '累计上报隐患', kpiOpen: '未销号隐患', kpiMajor: '重大隐患(未销号)', kpiOverdue: '逾期未整改',
      kpiRate: '销号率', kpiViolations: '违法行为', kpi24h: '近24小时新增隐患', kpiAlerts: '生效预警',
      townships: '镇(街道、区)风险态势', sectors: '行业领域未销号隐患', keyAreasNote: '★ 八大重点领域',
      alerts: '实时预警', sources: '隐患来源', sourcesNote: '企业自查自纠应成为主渠道', ledger: '隐患整改台账',
      fTownship: '镇街', fSector: '行业', fStatus: '状态', fSeverity: '等级', all: '全部',
      stOpen: '未销号', stOverdue: '逾期', stClosed: '已销号', sevMAJOR: '重大事故隐患', sevGENERAL: '一般隐患',
      thHazard: '隐患编号', thEnterprise: '企业', thTownship: '镇街', thSector: '行业', thSeverity: '等级',
      thSource: '来源', thStatus: '状态', thDeadline: '整改期限',
      lvRED: '红色 Ⅰ级', lvORANGE: '橙色 Ⅱ级', lvYELLOW: '黄色 Ⅲ级', lvBLUE: '蓝色 Ⅳ级', lvNONE: '无预警',
      open: '未销号', overdue: '逾期', overdueMajor: '逾期重大', noAlerts: '暂无生效预警', noHazards: '没有符合条件的隐患',
      total: '共 {n} 条', page: '第 {p}/{n} 页', alertsCount: '{n} 条生效', openHazardsSeries: '未销号隐患',
      askToken: '请输入访问令牌(http.token):', unauthorized: '需要访问令牌', unavailable: '服务正在再均衡或恢复状态,稍后自动重试',
      REPORTED: '已上报', RECTIFICATION_STARTED: '整改中', RECTIFIED: '已整改待验收', VERIFIED_CLOSED: '已验收销号',
      SELF_INSPECTION: '企业自查', DEPARTMENT_INSPECTION: '部门检查', FLYING_INSPECTION: '飞行检查',
      LINKED_SUPERVISION: '挂钩督导', GRID_PATROL: '网格巡查', PUBLIC_REPORT: '群众举报', UNKNOWN: '未知',
      RED: '红', ORANGE: '橙', YELLOW: '黄', BLUE: '蓝',
      FIRING: '触发', ESCALATED: '升级', DE_ESCALATED: '降级', RESOLVED: '解除',
      askWriteToken: '请输入处置令牌(http.token.<name>.secret):', askBy: '请输入处置人姓名:',
      mine: '我的待办', selectAll: '全选', ackSelected: '签收所选', mineEmpty: '暂无待办', mineCount: '{p} · {n} 条',
      mineSent: '已签收 {ok} 条,未成功 {bad} 条', limitBy: '时限 {t}',
      askNoteFEEDBACK: '反馈已采取的措施:', askNoteVERIFY: '核查情况:', askNoteCLOSE: '消警说明:',
      sentACKNOWLEDGE: '已签收', sentFEEDBACK: '已反馈', sentVERIFY: '已核查', sentCLOSE: '已消警',
      doACKNOWLEDGE: '签收', doFEEDBACK: '反馈', doVERIFY: '核查', doCLOSE: '消警', responsible: '责任人', late: '已超时',
      basisRULE: '法规规定', basisCHOICE: '产品默认', exampleList: '示例责任清单',
      exampleListNote: '责任部门取自内置示例责任清单,本区加载自己的清单(load --kind responsibilities)后以本区为准',
      coverageThreshold: '覆盖率低于 {p}% 标注 · {basis}:{source}',
      hsUNACKNOWLEDGED: '待签收', hsACKNOWLEDGED: '已签收', hsFEEDBACK_GIVEN: '已反馈', hsVERIFIED: '已核查', hsCLOSED: '已消警',
      hsNOT_REQUIRED: '无需处置', viewAll: '全部', viewUnacknowledged: '待签收', viewOverdue: '已超时',
      kpiAccidents: '生产安全事故(起/死亡)', tileAccidents: '事故 {n}', tileAccidentsDeaths: '事故 {n}(死亡 {d})', majors: '重大事故隐患 · 挂牌督办 · 动态清零', majorsNote: '年初存量按本年1月1日(北京时间)',
      thOpenMajor: '未销号重大隐患', thTownshipLevel: '镇级督办', thDistrictLevel: '区级督办', thCityLevel: '市级督办', thProvinceLevel: '省级督办',
      thUnsupervised: '超期未督办', thUnclassified: '未定判定依据', thYearStart: '年初存量', thCleared: '已清零', thClearedShare: '清零率', thTopCause: '主要判定依据',
      unclassified: '未定依据', supervised: '督办', slTOWNSHIP: '镇', slDISTRICT: '区', slCITY: '市', slPROVINCE: '省',
      ENTERPRISE_ACCEPTED: '企业已验收',
      bulletin: '月度通报', visits: '网格员走访清单 · 拉网式排查不留死角', fGrid: '网格', fNotInspected: '未检查',
      d30: '30天以上', d90: '90天以上', d365: '365天以上', keyAreaOnly: '仅重点行业领域', thGrid: '网格', thRisk: '风险等级',
      thLastInspected: '最近一次检查', never: '从未检查', daysAgo: '{n} 天前', visitTotal: '共 {n} 家', noVisits: '没有需要走访的企业',
      tileCoverage: '90天检查覆盖 {p}%', tileNever: '未检 {n}', tileNonCompliant: '缺证 {n}',
      riskRED: '重大', riskORANGE: '较大', riskYELLOW: '一般', riskBLUE: '低', riskUNKNOWN: '未评定',
      HEAVY_RAIN: '暴雨', HIGH_TEMPERATURE: '高温', TYPHOON: '台风', THUNDERSTORM: '雷电', GALE: '大风', COLD_WAVE: '寒潮', FOG: '大雾',
      BLIZZARD: '暴雪', ROAD_ICING: '道路结冰', HAIL: '冰雹', HAZE: '霾', SANDSTORM: '沙尘暴', OTHER: '气象',
      enforcement: '执法 · 行政处罚案件', enforcementNote: '决定期限:立案之日起90日(行政处罚法第六十条)',
      csOPENED: '立案待决定', csDECIDED: '已决定', csTRANSFERRED: '已移送', csCLOSED: '已结案', csWITHDRAWN: '已撤销',
      casesOverdue: '逾期未决定', casesDailyFine: '按日连续处罚', casesTransfers: '移送司法机关', casesPenalty: '决定罚款(元)',
      casesWithoutCase: '重大隐患未立案', reportsReceived: '收到举报', reportsSubstantiated: '举报属实',
      reportsVerificationOverdue: '举报核查逾期', reportsReward: '举报奖励(元)', thCase: '案件', thDepartment: '承办部门', thOpened: '立案', thDecisionDue: '决定期限',
      thPenalty: '罚款(元)', overdueDecision: '逾期未决定', noCases: '暂无案件',
      units: '考核 · 镇街、部门与挂钩领导', unitsNote: '漏检、交办与回头看、预警处置、挂牌督办核销、挂钩督导(截至当前)',
      thUnit: '单位', thUnitType: '类型', thMissed: '漏检(重大)', thAssigned: '交办隐患', thRevisits: '回头看 按期/超期/逾期/应检',
      thAckShare: '签收及时率', thFeedbackShare: '反馈及时率', thReviewsLate: '核销逾期', thLinked: '督导 本季/应',
      utownship: '镇街', udepartment: '部门', uleader: '挂钩领导', ugrid: '网格', uother: '其他', noUnits: '暂无考核数据'
    },
    en: {
      title: 'Fangxian · Jintan work-safety early warning', subtitle: 'Hazards at a glance · one rectification ledger · live alerts',
      connecting: 'connecting', live: 'live', offline: 'offline', token: 'Token',
      kpiReported: 'Hazards reported', kpiOpen: 'Open hazards', kpiMajor: 'Open major hazards', kpiOverdue: 'Overdue',
      kpiRate: 'Closure rate', kpiViolations: 'Violations', kpi24h: 'New hazards, 24 h', kpiAlerts: 'Active alerts',
      townships: 'Townships', sectors: 'Open hazards by sector', keyAreasNote: '★ eight key areas',
      alerts: 'Live alerts', sources: 'Hazard sources', sourcesNote: 'self-inspection should lead', ledger: 'Rectification ledger',
      fTownship: 'Township', fSector: 'Sector', fStatus: 'Status', fSeverity: 'Severity', all: 'All',
      stOpen: 'Open', stOverdue: 'Overdue', stClosed: 'Closed', sevMAJOR: 'Major', sevGENERAL: 'General',
      thHazard: 'Hazard', thEnterprise: 'Enterprise', thTownship: 'Township', thSector: 'Sector', thSeverity: 'Severity',
      thSource: 'Source', thStatus: 'Status', thDeadline: 'Deadline',
      lvRED: 'Red I', lvORANGE: 'Orange II', lvYELLOW: 'Yellow III', lvBLUE: 'Blue IV', lvNONE: 'No alert',
      open: 'open', overdue: 'overdue', overdueMajor: 'overdue major', noAlerts: 'No active alerts', noHazards: 'No matching hazards',
      total: '{n} in all', page: 'page {p}/{n}', alertsCount: '{n} active', openHazardsSeries: 'Open hazards',
      askToken: 'Access token (http.token):', unauthorized: 'An access token is needed', unavailable: 'The service is rebalancing or restoring; retrying',
      REPORTED: 'reported', RECTIFICATION_STARTED: 'rectifying', RECTIFIED: 'rectified', VERIFIED_CLOSED: 'closed',
      SELF_INSPECTION: 'self-inspection', DEPARTMENT_INSPECTION: 'department', FLYING_INSPECTION: 'flying inspection',
      LINKED_SUPERVISION: 'linked supervision', GRID_PATROL: 'grid patrol', PUBLIC_REPORT: 'public report', UNKNOWN: 'unknown',
      RED: 'Red', ORANGE: 'Orange', YELLOW: 'Yellow', BLUE: 'Blue',
      FIRING: 'firing', ESCALATED: 'escalated', DE_ESCALATED: 'lowered', RESOLVED: 'resolved',
      askWriteToken: 'Write token (http.token.<name>.secret):', askBy: 'Your name:',
      mine: 'My to-do', selectAll: 'All', ackSelected: 'Sign for selected', mineEmpty: 'Nothing to do', mineCount: '{p} · {n}',
      mineSent: 'Signed for {ok}, not done {bad}', limitBy: 'due {t}',
      askNoteFEEDBACK: 'Measures taken:', askNoteVERIFY: 'What the site check found:', askNoteCLOSE: 'Why it can be closed:',
      sentACKNOWLEDGE: 'Signed for', sentFEEDBACK: 'Feedback sent', sentVERIFY: 'Verified', sentCLOSE: 'Closed',
      doACKNOWLEDGE: 'Sign for', doFEEDBACK: 'Feed back', doVERIFY: 'Verify', doCLOSE: 'Close', responsible: 'Responsible', late: 'late',
      basisRULE: 'by regulation', basisCHOICE: 'product default', exampleList: 'example list',
      exampleListNote: 'The department comes from the built-in EXAMPLE responsibility list until the district loads its own (load --kind responsibilities)',
      coverageThreshold: 'marked below {p}% · {basis}: {source}',
      hsUNACKNOWLEDGED: 'to sign for', hsACKNOWLEDGED: 'signed for', hsFEEDBACK_GIVEN: 'fed back', hsVERIFIED: 'verified', hsCLOSED: 'closed',
      hsNOT_REQUIRED: 'nothing needed', viewAll: 'All', viewUnacknowledged: 'To sign for', viewOverdue: 'Late',
      kpiAccidents: 'Accidents / deaths', tileAccidents: 'accidents {n}', tileAccidentsDeaths: 'accidents {n} ({d} dead)', majors: 'Major hazards · supervision · clearance', majorsNote: 'year start: 1 January, local time',
      thOpenMajor: 'Open majors', thTownshipLevel: 'Township', thDistrictLevel: 'District', thCityLevel: 'City', thProvinceLevel: 'Province',
      thUnsupervised: 'Unsupervised', thUnclassified: 'No clause', thYearStart: 'At year start', thCleared: 'Cleared', thClearedShare: 'Cleared %', thTopCause: 'Leading clause',
      unclassified: 'no clause', supervised: 'supervised', slTOWNSHIP: 'T', slDISTRICT: 'D', slCITY: 'C', slPROVINCE: 'P',
      ENTERPRISE_ACCEPTED: 'accepted',
      bulletin: 'Monthly bulletin', visits: "Grid workers' visiting list", fGrid: 'Grid', fNotInspected: 'Not inspected',
      d30: 'for 30+ days', d90: 'for 90+ days', d365: 'for 365+ days', keyAreaOnly: 'key areas only', thGrid: 'Grid', thRisk: 'Risk',
      thLastInspected: 'Last inspected', never: 'never', daysAgo: '{n} days ago', visitTotal: '{n} enterprises', noVisits: 'Nobody to visit',
      tileCoverage: 'inspected in 90 d: {p}%', tileNever: 'never {n}', tileNonCompliant: 'no certificate {n}',
      riskRED: 'major', riskORANGE: 'higher', riskYELLOW: 'general', riskBLUE: 'low', riskUNKNOWN: 'unrated',
      HEAVY_RAIN: 'Heavy rain', HIGH_TEMPERATURE: 'Heat', TYPHOON: 'Typhoon', THUNDERSTORM: 'Thunder', GALE: 'Gale', COLD_WAVE: 'Cold wave', FOG: 'Fog',
      BLIZZARD: 'Blizzard', ROAD_ICING: 'Road icing', HAIL: 'Hail', HAZE: 'Haze', SANDSTORM: 'Sandstorm', OTHER: 'Weather',
      enforcement: 'Enforcement cases', enforcementNote: 'decision due 90 days after opening (Administrative Penalty Law art. 60)',
      csOPENED: 'Awaiting decision', csDECIDED: 'Decided', csTRANSFERRED: 'Transferred', csCLOSED: 'Closed', csWITHDRAWN: 'Withdrawn',
      casesOverdue: 'Decision overdue', casesDailyFine: 'Daily fines', casesTransfers: 'Transferred to judiciary', casesPenalty: 'Decided fines (yuan)',
      casesWithoutCase: 'Major hazards without case', reportsReceived: 'Public reports', reportsSubstantiated: 'Reports substantiated',
      reportsVerificationOverdue: 'Reports verification overdue', reportsReward: 'Report rewards (yuan)', thCase: 'Case', thDepartment: 'Department', thOpened: 'Opened', thDecisionDue: 'Decision due',
      thPenalty: 'Fine (yuan)', overdueDecision: 'decision overdue', noCases: 'No cases',
      units: 'Scorecards · townships, departments, linked leaders', unitsNote: 'misses, revisits, alert handling, write-off reviews, linked visits (as of now)',
      thUnit: 'Unit', thUnitType: 'Kind', thMissed: 'Missed (major)', thAssigned: 'Assigned', thRevisits: 'Revisits in time/late/overdue/due',
      thAckShare: 'Acknowledged in time', thFeedbackShare: 'Fed back in time', thReviewsLate: 'Late reviews', thLinked: 'Visits quarter/expected',
      utownship: 'Township', udepartment: 'Department', uleader: 'Linked leader', ugrid: 'Grid', uother: 'Other', noUnits: 'No scorecards yet'
    }
  };
  const LEVEL_RANK = { BLUE: 1, YELLOW: 2, ORANGE: 3, RED: 4 };
  const LEVEL_COLOUR = { RED: '#ef4444', ORANGE: '#f97316', YELLOW: '#facc15', BLUE: '#3b82f6' };
  const PAGE = 15;

  const state = {
    lang: sessionStorage.getItem('fangxian.lang') || 'zh',
    townships: [], sectors: [], grids: [], alerts: new Map(), overdueMajor: {}, weather: [], rules: {},
    selectedTownship: '', offset: 0, total: 0, charts: {}, feedView: 'all'
  };

  const $ = (id) => document.getElementById(id);
  const t = (key, vars) => {
    let s = (I18N[state.lang][key] !== undefined ? I18N[state.lang][key] : I18N.zh[key]);
    if (s === undefined) { return key; }
    Object.entries(vars || {}).forEach(([k, v]) => { s = s.replace('{' + k + '}', v); });
    return s;
  };
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  };
  // Times in the district's zone (the server's time.zone, Asia/Shanghai for Jintan), whatever the browser's.
  const ZONE = 'Asia/Shanghai';
  const ZONED = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const zonedParts = (d) => Object.fromEntries(ZONED.formatToParts(d).map((x) => [x.type, x.value]));
  const fmtTime = (iso) => {
    if (!iso) { return '–'; }
    const p = zonedParts(new Date(iso));
    return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute;
  };
  const areaName = (a) => (state.lang === 'en' && a.areaNameEn) ? a.areaNameEn : (a.areaName || a.areaId);

  // --- token: from the URL fragment (#token=...), else sessionStorage, else asked for on a 401 ---
  (function takeTokenFromFragment() {
    let taken = false;
    [['token', 'fangxian.token'], ['writeToken', 'fangxian.writeToken'], ['by', 'fangxian.by']].forEach(([name, key]) => {
      const m = new RegExp('(?:^|[#&])' + name + '=([^&]+)').exec(location.hash);
      if (m) { sessionStorage.setItem(key, decodeURIComponent(m[1])); taken = true; }
    });
    if (taken) { history.replaceState(null, '', location.pathname + location.search); }
  })();
  const token = () => sessionStorage.getItem('fangxian.token');
  function askToken() {
    const v = window.prompt(t('askToken'));
    if (v) { sessionStorage.setItem('fangxian.token', v.trim()); return true; }
    return false;
  }

  let asked = false;
  async function api(path) {
    const headers = { 'Accept': 'application/json' };
    if (token()) { headers.Authorization = 'Bearer ' + token(); }
    const r = await fetch(path, { headers });
    if (r.status === 401) {
      if (!asked) { asked = true; if (askToken()) { asked = false; return api(path); } }
      toast(t('unauthorized'));
      throw new Error('401');
    }
    if (r.status === 503) { toast(t('unavailable')); throw new Error('503'); }
    const body = await r.json();
    if (!r.ok) { toast(body.message || String(r.status)); throw new Error(body.message); }
    return body;
  }

  /**
   * api() for a panel that asks again whenever its filters change: an answer that a later request
   * superseded comes back as null, as does a failed one (shown by toast), so an older answer that
   * lands last never replaces the newer one.
   */
  function latestOnly() {
    let last = 0;
    return async (path) => {
      const mine = ++last;
      let body;
      try { body = await api(path); } catch (e) { return null; }
      return mine === last ? body : null;
    };
  }
  let toastTimer;
  function toast(msg) {
    const e = $('toast');
    e.textContent = msg;
    e.classList.add('show');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => e.classList.remove('show'), 4000);
  }

  // --- language ---
  function applyLanguage() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
    $('lang-toggle').textContent = state.lang === 'zh' ? 'EN' : '中文';
    fillFilterOptions();
    renderAll();
    loadLedger();
  }

  // --- rendering ---
  function renderAll() {
    renderKpis();
    renderTownships();
    renderSectors();
    renderSources();
    renderAlerts();
    renderWeather();
    if (!$('mine').hidden) { renderMine(); }
  }

  function sum(list, f) { return list.reduce((a, x) => a + f(x), 0); }

  function renderKpis() {
    const ts = state.townships;
    if (!ts.length) { return; }
    const reported = sum(ts, (x) => x.hazardsReported);
    const closed = sum(ts, (x) => x.closedHazards);
    $('kpi-reported').textContent = reported;
    $('kpi-open').textContent = sum(ts, (x) => x.openHazards);
    $('kpi-major').textContent = sum(ts, (x) => x.openMajorHazards);
    $('kpi-overdue').textContent = sum(ts, (x) => x.overdueHazards);
    $('kpi-rate').textContent = reported ? (100 * closed / reported).toFixed(1) + '%' : '–';
    $('kpi-violations').textContent = sum(ts, (x) => x.violations);
    $('kpi-24h').textContent = sum(ts, (x) => (x.last24h ? x.last24h.hazardsReported : 0));
    $('kpi-alerts').textContent = activeAlerts().length;
    const deaths = sum(ts, (x) => x.accidentDeaths || 0);
    $('kpi-accidents').textContent = sum(ts, (x) => x.accidents || 0) + (deaths ? ' / ' + deaths : '');
  }

  function activeAlerts() {
    return [...state.alerts.values()].filter((a) => a.status !== 'RESOLVED');
  }

  /** What the duty officer must deal with: live alerts, and resolved RED/ORANGE ones not yet closed. */
  function feedAlerts() {
    return [...state.alerts.values()].filter((a) => a.status !== 'RESOLVED' || (a.handling && a.handling.open))
      .filter((a) => state.feedView === 'all' || (a.handling && (state.feedView === 'unacknowledged'
        ? a.handling.state === 'UNACKNOWLEDGED' : a.handling.overdue)));
  }

  const NEXT_ACTION = { UNACKNOWLEDGED: 'ACKNOWLEDGE', ACKNOWLEDGED: 'FEEDBACK', FEEDBACK_GIVEN: 'VERIFY', VERIFIED: 'CLOSE' };

  /** Signs for, feeds back on, verifies or closes an alert (POST …/actions) with the user's write token. */
  async function act(alert, action) {
    let secret = sessionStorage.getItem('fangxian.writeToken');
    if (!secret) {
      secret = window.prompt(t('askWriteToken'));
      if (!secret) { return; }
      sessionStorage.setItem('fangxian.writeToken', secret.trim());
    }
    let by = sessionStorage.getItem('fangxian.by');
    if (!by) {
      by = window.prompt(t('askBy'));
      if (!by) { return; }
      sessionStorage.setItem('fangxian.by', by.trim());
    }
    const note = action === 'ACKNOWLEDGE' ? null : window.prompt(t('askNote' + action), '');
    if (note === null && action !== 'ACKNOWLEDGE') { return; }
    const r = await fetch('/api/v1/alerts/' + encodeURIComponent(alert.alertKey) + '/actions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem('fangxian.writeToken') },
      body: JSON.stringify({ action, by: sessionStorage.getItem('fangxian.by'), note })
    });
    const body = await r.json().catch(() => ({}));
    if (r.status === 401) { sessionStorage.removeItem('fangxian.writeToken'); }
    if (r.status !== 202) { toast(body.message || String(r.status)); return; }
    toast(t('sent' + action));
    setTimeout(loadAlerts, 1500); // the change arrives over the live feed too
    scheduleMine();
  }

  // --- 我的待办: the write token's person's alerts (GET /api/v1/me/alerts), signed for several at once ---
  const writeToken = () => sessionStorage.getItem('fangxian.writeToken');
  function askWriteToken() {
    const v = window.prompt(t('askWriteToken'));
    if (v) { sessionStorage.setItem('fangxian.writeToken', v.trim()); return true; }
    return false;
  }
  let mineTimer;
  function scheduleMine() { clearTimeout(mineTimer); mineTimer = setTimeout(() => loadMine(false), 1500); }

  /** Loads the list; a token that names no person (403) shows the panel only when asked for by its button. */
  async function loadMine(explicit) {
    const panel = $('mine');
    if (!writeToken()) { panel.hidden = true; return; }
    const r = await fetch('/api/v1/me/alerts', { headers: { Accept: 'application/json', Authorization: 'Bearer ' + writeToken() } });
    const body = await r.json().catch(() => ({}));
    if (r.status === 401) { sessionStorage.removeItem('fangxian.writeToken'); panel.hidden = true; toast(body.message || '401'); return; }
    if (r.status === 403 && explicit !== true) { panel.hidden = true; return; }
    if (!r.ok && panel.hidden && explicit !== true) { return; }
    panel.hidden = false;
    state.mine = r.ok ? body.alerts : [];
    state.minePerson = r.ok ? (body.personName || body.person) : null;
    state.mineProblem = r.ok ? null : (body.message || String(r.status));
    renderMine();
  }

  function renderMine() {
    const problem = state.mineProblem;
    const list = $('mine-list');
    list.textContent = '';
    const alerts = state.mine || [];
    $('mine-who').textContent = problem ? '' : t('mineCount', { p: state.minePerson || '', n: alerts.length });
    if (problem) { list.appendChild(el('li', 'empty', problem)); }
    else if (!alerts.length) { list.appendChild(el('li', 'empty', t('mineEmpty'))); }
    alerts.forEach((a) => {
      const li = el('li', 'mine-item ' + a.level);
      li.dataset.key = a.alertKey;
      const box = el('input');
      box.type = 'checkbox';
      box.value = a.alertKey;
      box.disabled = a.handling.state !== 'UNACKNOWLEDGED';
      box.addEventListener('change', mineSelectionChanged);
      li.appendChild(box);
      li.appendChild(el('span', 'badge ' + a.level, t(a.level)));
      li.appendChild(el('span', 'badge H-' + a.handling.state + (a.handling.overdue ? ' late' : ''),
        t('hs' + a.handling.state) + (a.handling.overdue ? ' · ' + t('late') : '')));
      const title = el('span', 'mt', alertTitle(a) + ' · ' + ((a.subject && (a.subject.enterpriseName || a.subject.name)) || ''));
      title.title = alertMessage(a);
      li.appendChild(title);
      const limit = a.handling.state === 'UNACKNOWLEDGED' ? a.handling.acknowledgeBy : a.handling.feedbackBy;
      li.appendChild(el('span', 'mw', t('limitBy', { t: fmtTime(limit) })));
      const next = NEXT_ACTION[a.handling.state];
      if (next) {
        const b = el('button', 'act', t('do' + next));
        b.type = 'button';
        b.dataset.action = next;
        b.addEventListener('click', () => act(a, next));
        li.appendChild(b);
      }
      list.appendChild(li);
    });
    $('mine-all').checked = false;
    mineSelectionChanged();
  }

  function mineSelected() {
    return [...document.querySelectorAll('#mine-list input[type=checkbox]:checked')].map((b) => b.value);
  }
  function mineSelectionChanged() { $('mine-ack').disabled = mineSelected().length === 0; }

  /** Signs for every selected alert at once (POST /api/v1/alerts/actions), and says how many went through. */
  async function ackSelected() {
    const keys = mineSelected();
    if (!keys.length || !writeToken()) { return; }
    let by = sessionStorage.getItem('fangxian.by') || state.minePerson;
    if (!by) {
      by = window.prompt(t('askBy'));
      if (!by) { return; }
    }
    sessionStorage.setItem('fangxian.by', by.trim());
    const r = await fetch('/api/v1/alerts/actions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + writeToken() },
      body: JSON.stringify({ alertKeys: keys, action: 'ACKNOWLEDGE', by: by.trim() })
    });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) { toast(body.message || String(r.status)); return; }
    const bad = body.results.filter((x) => x.status !== 202);
    toast(t('mineSent', { ok: body.accepted, bad: bad.length }) + (bad.length ? ': ' + bad.map((x) => x.message).join('; ') : ''));
    scheduleMine();
    setTimeout(loadAlerts, 1500);
  }

  /** The worst live alert level in a township; overdue major hazards count as at least ORANGE. */
  function townshipLevel(id) {
    let best = null;
    activeAlerts().forEach((a) => {
      if (a.subject && a.subject.townshipId === id && (!best || LEVEL_RANK[a.level] > LEVEL_RANK[best])) { best = a.level; }
    });
    if ((state.overdueMajor[id] || 0) > 0 && (!best || LEVEL_RANK[best] < LEVEL_RANK.ORANGE)) { best = 'ORANGE'; }
    return best;
  }

  function renderTownships() {
    const grid = $('township-grid');
    grid.textContent = '';
    state.townships.forEach((a) => {
      const level = townshipLevel(a.areaId);
      const tile = el('div', 'tile' + (level ? ' ' + level : '') + (state.selectedTownship === a.areaId ? ' selected' : ''));
      tile.dataset.township = a.areaId;
      tile.dataset.level = level || 'NONE';
      const head = el('div', 'head');
      head.appendChild(el('span', 'name', areaName(a)));
      if (level) { head.appendChild(el('span', 'lvl', t('lv' + level))); }
      tile.appendChild(head);
      tile.dataset.accidents = a.accidents || 0;
      tile.appendChild(el('div', 'figs', t('open') + ' ' + a.openHazards + ' · ' + t('overdue') + ' ' + a.overdueHazards
        + (a.accidents ? ' · ' + t(a.accidentDeaths ? 'tileAccidentsDeaths' : 'tileAccidents', { n: a.accidents, d: a.accidentDeaths }) : '')));
      const om = state.overdueMajor[a.areaId] || 0;
      tile.appendChild(el('div', 'figs', (a.openMajorHazards ? '⚠ ' + t('sevMAJOR') + ' ' + a.openMajorHazards : '\u00a0')
        + (om ? ' · ' + t('overdueMajor') + ' ' + om : '')));
      if (a.enterprises) {
        const pct = Math.round(a.coverageLast90d * 100);
        tile.dataset.coverage = pct;
        tile.dataset.noncompliant = a.nonCompliantEnterprises;
        const cov = state.rules.coverage;
        const minShare = cov && cov.settings ? cov.settings.minShare : 0.6;
        const cover = el('div', 'cover' + (a.keyAreaEnterprises && a.keyAreaCoverageLast90d < minShare ? ' low' : ''),
          t('tileCoverage', { p: pct }) + (a.neverInspected ? ' · ' + t('tileNever', { n: a.neverInspected }) : '')
          + (a.nonCompliantEnterprises ? ' · ' + t('tileNonCompliant', { n: a.nonCompliantEnterprises }) : ''));
        if (cov) {
          cover.dataset.basis = cov.basis;
          cover.title = t('coverageThreshold', { p: Math.round(minShare * 100), basis: t('basis' + cov.basis), source: cov.source });
        }
        tile.appendChild(cover);
      }
      tile.title = areaName(a);
      tile.addEventListener('click', () => {
        state.selectedTownship = state.selectedTownship === a.areaId ? '' : a.areaId;
        $('filter-township').value = state.selectedTownship;
        state.offset = 0;
        renderTownships();
        loadLedger();
        loadCases();
      });
      grid.appendChild(tile);
    });
  }

  function chart(id) {
    if (!window.echarts) { return null; }
    if (!state.charts[id]) { state.charts[id] = echarts.init($(id), null, { renderer: 'canvas' }); }
    return state.charts[id];
  }

  function renderSectors() {
    const c = chart('sector-chart');
    if (!c || !state.sectors.length) { return; }
    const rows = [...state.sectors].sort((x, y) => (y.keyArea - x.keyArea) || (y.openHazards - x.openHazards) || x.areaId.localeCompare(y.areaId));
    const shown = rows.filter((r, i) => r.keyArea || r.openHazards > 0 || i < 12).slice(0, 16).reverse();
    c.setOption({
      grid: { left: 8, right: 36, top: 6, bottom: 6, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#7f93b5' }, splitLine: { lineStyle: { color: 'rgba(255,255,255,.06)' } } },
      yAxis: { type: 'category', data: shown.map((s) => (s.keyArea ? '★ ' : '') + areaName(s)),
        axisLabel: { color: '#dbe7ff', fontSize: 12 }, axisLine: { lineStyle: { color: '#1c3558' } } },
      series: [{ name: t('openHazardsSeries'), type: 'bar', barMaxWidth: 14, label: { show: true, position: 'right', color: '#dbe7ff' },
        data: shown.map((s) => ({ value: s.openHazards, itemStyle: {
          borderRadius: [0, 4, 4, 0],
          color: s.keyArea ? new echarts.graphic.LinearGradient(0, 0, 1, 0, [{ offset: 0, color: '#f97316' }, { offset: 1, color: '#ef4444' }])
            : new echarts.graphic.LinearGradient(0, 0, 1, 0, [{ offset: 0, color: '#1e40af' }, { offset: 1, color: '#38bdf8' }]) } })) }]
    }, true);
  }

  function renderSources() {
    const c = chart('source-chart');
    if (!c || !state.townships.length) { return; }
    const bySource = {};
    state.townships.forEach((a) => Object.entries(a.hazardsBySource || {}).forEach(([k, v]) => { bySource[k] = (bySource[k] || 0) + v; }));
    const data = Object.entries(bySource).map(([k, v]) => ({ name: t(k), value: v }));
    c.setOption({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, textStyle: { color: '#7f93b5' }, itemWidth: 10, itemHeight: 10 },
      color: ['#22c55e', '#38bdf8', '#a78bfa', '#f97316', '#facc15', '#f472b6', '#94a3b8'],
      series: [{ type: 'pie', radius: ['42%', '68%'], center: ['50%', '44%'], itemStyle: { borderColor: '#0d1d36', borderWidth: 2 },
        label: { color: '#dbe7ff', formatter: '{b}\n{d}%' }, data }]
    }, true);
  }

  function alertTitle(a) { return state.lang === 'en' && a.titleEn ? a.titleEn : a.titleZh; }
  function alertMessage(a) { return state.lang === 'en' && a.messageEn ? a.messageEn : a.messageZh; }

  function renderAlerts(freshKey) {
    const list = $('alert-feed');
    list.textContent = '';
    const alerts = feedAlerts().sort((x, y) => (y.emittedAt || '').localeCompare(x.emittedAt || ''));
    $('feed-count').textContent = t('alertsCount', { n: alerts.length });
    if (!alerts.length) { list.appendChild(el('li', 'empty', t('noAlerts'))); }
    alerts.slice(0, 100).forEach((a) => {
      const li = el('li', 'alert-item ' + a.level + (a.alertKey === freshKey ? ' fresh' : ''));
      li.dataset.key = a.alertKey;
      li.dataset.level = a.level;
      const head = el('div', 't');
      head.appendChild(el('span', null, alertTitle(a)));
      head.appendChild(el('span', 'badge ' + a.level, t(a.level) + ' · ' + t(a.status)));
      const rule = ruleOf(a.rule);
      if (rule) {
        const basis = el('span', 'basis ' + rule.basis, t('basis' + rule.basis));
        basis.dataset.basis = rule.basis;
        basis.title = rule.source;
        head.appendChild(basis);
      }
      li.appendChild(head);
      li.appendChild(el('div', 'm', alertMessage(a)));
      const where = [a.subject && a.subject.townshipId && placeName(state.townships, a.subject.townshipId, a.subject.townshipName), fmtTime(a.emittedAt)].filter(Boolean).join(' · ');
      li.appendChild(el('div', 'm', where));
      if (a.handling) {
        const h = el('div', 'm handling');
        h.dataset.state = a.handling.state;
        h.appendChild(el('span', 'badge H-' + a.handling.state + (a.handling.overdue ? ' late' : ''),
          t('hs' + a.handling.state) + (a.handling.overdue ? ' · ' + t('late') : '')));
        h.appendChild(el('span', null, ' ' + t('responsible') + ': ' + a.handling.responsible));
        if (a.handling.responsibleFromExampleList) {
          const ex = el('span', 'example', ' (' + t('exampleList') + ')');
          ex.title = t('exampleListNote');
          h.appendChild(ex);
        }
        const next = a.handling.open ? NEXT_ACTION[a.handling.state] : null;
        if (next) {
          const b = el('button', 'act', t('do' + next));
          b.type = 'button';
          b.dataset.action = next;
          b.addEventListener('click', (ev) => { ev.stopPropagation(); act(a, next); });
          h.appendChild(b);
          if (next === 'VERIFY') {
            const more = el('button', 'act', t('doFEEDBACK'));
            more.type = 'button';
            more.dataset.action = 'FEEDBACK';
            more.addEventListener('click', (ev) => { ev.stopPropagation(); act(a, 'FEEDBACK'); });
            h.appendChild(more);
          }
        }
        li.appendChild(h);
      }
      if (a.subject && a.subject.enterpriseId) {
        const ent = el('a', 'ent-link m', a.subject.enterpriseName || a.subject.enterpriseId);
        ent.href = '#/enterprise/' + encodeURIComponent(a.subject.enterpriseId);
        ent.dataset.enterprise = a.subject.enterpriseId;
        li.appendChild(ent);
      }
      list.appendChild(li);
    });
    renderKpis();
  }

  function renderWeather() {
    const box = $('weather-badges');
    box.textContent = '';
    state.weather.forEach((w) => {
      const b = el('span', 'wx', '☂ ' + t(w.kind) + ' ' + t(w.level));
      b.style.background = LEVEL_COLOUR[w.level] || '#94a3b8';
      b.title = w.headline || '';
      box.appendChild(b);
    });
  }

  function fillFilterOptions() {
    const fill = (select, areas) => {
      const v = select.value;
      [...select.querySelectorAll('option')].slice(1).forEach((o) => o.remove());
      areas.forEach((a) => { const o = el('option', null, (a.keyArea ? '★ ' : '') + areaName(a)); o.value = a.areaId; select.appendChild(o); });
      select.value = v;
    };
    fill($('filter-township'), state.townships);
    fill($('filter-sector'), state.sectors);
  }

  // --- ledger ---
  const ledgerApi = latestOnly();
  async function loadLedger() {
    const q = new URLSearchParams();
    const add = (k, id) => { const v = $(id).value; if (v) { q.set(k, v); } };
    add('townshipId', 'filter-township');
    add('sectorId', 'filter-sector');
    add('status', 'filter-status');
    add('severity', 'filter-severity');
    q.set('limit', PAGE);
    q.set('offset', state.offset);
    const page = await ledgerApi('/api/v1/hazards?' + q);
    if (!page) { return; }
    state.total = page.total;
    const body = $('ledger-table').querySelector('tbody');
    body.textContent = '';
    $('ledger-total').textContent = t('total', { n: page.total });
    const pages = Math.max(1, Math.ceil(page.total / PAGE));
    $('page-info').textContent = t('page', { p: Math.floor(state.offset / PAGE) + 1, n: pages });
    if (!page.items.length) { emptyRow(body, t('noHazards'), 8); }
    page.items.forEach((h) => {
      const tr = el('tr', h.overdue ? 'overdue' : (h.open ? 'open' : 'closed'));
      tr.dataset.hazard = h.hazardId;
      tr.dataset.township = h.townshipId;
      tr.dataset.severity = h.severity;
      tr.appendChild(el('td', null, h.hazardId));
      tr.appendChild(enterpriseCell(h.enterpriseId, h.enterpriseName));
      tr.appendChild(el('td', null, placeName(state.townships, h.townshipId, h.townshipName)));
      tr.appendChild(el('td', null, placeName(state.sectors, h.sectorId, h.sectorName)));
      const sev = el('td');
      sev.appendChild(el('span', 'badge ' + h.severity, t('sev' + h.severity)));
      if (h.unclassifiedMajor) { sev.appendChild(el('span', 'badge UNCLASSIFIED', t('unclassified'))); }
      if (h.supervision) { sev.appendChild(el('span', 'badge SUPERVISED', t('supervised') + '·' + t('sl' + h.supervision.level))); }
      if (h.clause) { sev.title = h.clause.standard + ' ' + h.clause.article + ': ' + h.clause.text; }
      tr.appendChild(sev);
      tr.appendChild(el('td', null, t(h.source)));
      tr.appendChild(el('td', null, h.overdue ? t('stOverdue') : t(h.status)));
      tr.appendChild(el('td', 'deadline', fmtTime(h.deadline)));
      body.appendChild(tr);
    });
  }

  /** One row across a table's {@code columns} saying there is nothing to list. */
  function emptyRow(body, text, columns) {
    const tr = el('tr');
    const td = el('td', 'empty', text);
    td.colSpan = columns;
    tr.appendChild(td);
    body.appendChild(tr);
  }

  /** An enterprise's name that opens its dossier (一企一档, dossier.js). */
  function enterpriseCell(id, name) {
    const td = el('td');
    const a = el('a', 'ent-link', name || id);
    a.href = '#/enterprise/' + encodeURIComponent(id);
    a.dataset.enterprise = id;
    a.title = id;
    td.appendChild(a);
    return td;
  }

  function placeName(areas, id, zh) {
    const a = areas.find((x) => x.areaId === id);
    return a ? areaName(a) : (zh || id);
  }

  /** 重大事故隐患: 挂牌督办 by level, majors left unsupervised or without a clause, 动态清零, the leading clause. */
  function renderMajors() {
    const body = $('majors-table').querySelector('tbody');
    body.textContent = '';
    const clearance = new Map((state.clearance || []).map((c) => [c.areaId, c]));
    state.townships.forEach((a) => {
      const c = clearance.get(a.areaId) || {};
      const levels = a.supervisedMajorHazardsByLevel || {};
      const cause = (a.majorHazardCauses || []).find((x) => x.clauseId !== 'UNCLASSIFIED');
      const tr = el('tr');
      tr.dataset.township = a.areaId;
      tr.appendChild(el('td', null, areaName(a)));
      tr.appendChild(el('td', 'num', a.openMajorHazards));
      ['TOWNSHIP', 'DISTRICT', 'CITY', 'PROVINCE'].forEach((l) => tr.appendChild(el('td', 'num', levels[l] || 0)));
      tr.appendChild(el('td', 'num' + (a.openMajorHazardsUnsupervised ? ' warn' : ''), a.openMajorHazardsUnsupervised || 0));
      tr.appendChild(el('td', 'num' + (a.openUnclassifiedMajorHazards ? ' warn' : ''), a.openUnclassifiedMajorHazards || 0));
      tr.appendChild(el('td', 'num', c.openAtYearStart === undefined ? '–' : c.openAtYearStart));
      tr.appendChild(el('td', 'num', c.clearedSinceYearStart === undefined ? '–' : c.clearedSinceYearStart));
      tr.appendChild(el('td', 'num', c.clearedShare === null || c.clearedShare === undefined ? '–' : (100 * c.clearedShare).toFixed(0) + '%'));
      const top = el('td', 'cause', cause ? cause.clauseId + ' ×' + cause.majorHazards : '–');
      if (cause && cause.text) { top.title = cause.standard + ' ' + cause.article + ': ' + cause.text; }
      tr.appendChild(top);
      body.appendChild(tr);
    });
  }

  // --- enforcement cases (执法 · 行政处罚案件) ---
  /**
   * The 执法 panel: the cases by their last step and the overdue ones first from the case list
   * (GET /api/v1/cases), 按日连续处罚, 移送, the decided yuan and major hazards without a case from the
   * township figures (the seven case figures), for the township chosen or the whole district.
   */
  // A township chosen and cleared at once sends two requests: the answer to the older one must not
  // land last and show the cases of a township no longer chosen.
  const casesApi = latestOnly();
  async function loadCases() {
    const q = new URLSearchParams({ limit: '50' });
    if (state.selectedTownship) { q.set('townshipId', state.selectedTownship); }
    const page = await casesApi('/api/v1/cases?' + q);
    if (!page) { return; }
    state.cases = page;
    renderCases();
  }

  function renderCases() {
    const page = state.cases;
    const areas = state.selectedTownship ? state.townships.filter((a) => a.areaId === state.selectedTownship) : state.townships;
    if (areas.length) {
      $('cases-daily-fine').textContent = sum(areas, (a) => a.dailyFineCases || 0);
      $('cases-transfers').textContent = sum(areas, (a) => a.criminalTransfers || 0);
      $('cases-penalty').textContent = sum(areas, (a) => a.penaltyYuanDecided || 0).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
      $('cases-without-case').textContent = sum(areas, (a) => a.openMajorHazardsWithoutCase || 0);
      $('cases-overdue').textContent = sum(areas, (a) => a.casesDecisionOverdue || 0);
      // 举报: the four report figures of the same townships (docs/design.md, "Public reports")
      $('reports-received').textContent = sum(areas, (a) => a.reportsReceived || 0);
      $('reports-substantiated').textContent = sum(areas, (a) => a.reportsSubstantiated || 0);
      $('reports-overdue').textContent = sum(areas, (a) => a.reportsVerificationOverdue || 0);
      $('reports-reward').textContent = sum(areas, (a) => a.rewardYuan || 0).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
    }
    if (!page) { return; }
    ['OPENED', 'DECIDED', 'TRANSFERRED', 'CLOSED', 'WITHDRAWN'].forEach((s) => { $('cases-' + s).textContent = page.byStatus[s] || 0; });
    const body = $('cases-table').querySelector('tbody');
    body.textContent = '';
    if (!page.items.length) { emptyRow(body, t('noCases'), 8); }
    page.items.forEach((c) => {
      const tr = el('tr', c.decisionOverdue ? 'overdue' : null);
      tr.dataset.case = c.caseId;
      tr.dataset.status = c.status;
      tr.appendChild(el('td', null, c.caseId));
      tr.appendChild(enterpriseCell(c.enterpriseId, c.enterpriseName));
      tr.appendChild(el('td', null, placeName(state.townships, c.townshipId)));
      tr.appendChild(el('td', null, c.departmentId || '–'));
      tr.appendChild(el('td', null, t('cs' + c.status) + (c.decisionOverdue ? ' · ' + t('overdueDecision') : '')
        + (c.dailyFine ? ' · ' + t('casesDailyFine') : '')));
      tr.appendChild(el('td', null, fmtTime(c.openedAt)));
      tr.appendChild(el('td', null, c.status === 'OPENED' ? fmtTime(c.decisionDueAt) : '–'));
      tr.appendChild(el('td', 'num', c.penaltyYuan ? c.penaltyYuan.toLocaleString('zh-CN', { maximumFractionDigits: 2 }) : '–'));
      body.appendChild(tr);
    });
  }

  // --- 考核: the units' scorecards ---
  /**
   * The 考核 panel: townships, departments and linked leaders with their figures from GET /api/v1/units
   * (misses, 交办 and 回头看, alert handling, late write-off reviews, linked visits); never a plan's targets.
   */
  async function loadUnits() {
    try {
      state.units = await api('/api/v1/units');
      renderUnits();
    } catch (e) { /* shown by toast */ }
  }

  function share(v) { return v === null || v === undefined ? '–' : Math.round(v * 100) + '%'; }

  function renderUnits() {
    const order = { township: 0, department: 1, leader: 2 };
    const units = (state.units || []).filter((u) => u.unitType in order)
      .sort((a, b) => order[a.unitType] - order[b.unitType] || a.unitId.localeCompare(b.unitId));
    const body = $('units-table').querySelector('tbody');
    body.textContent = '';
    if (!units.length) { emptyRow(body, t('noUnits'), 9); }
    units.forEach((u) => {
      const tr = el('tr', u.revisitsOverdue > 0 || u.supervisionReviewsLate > 0 ? 'overdue' : null);
      tr.dataset.unit = u.unitId;
      tr.dataset.type = u.unitType;
      tr.appendChild(el('td', null, u.unitName || u.unitId));
      tr.appendChild(el('td', null, t('u' + u.unitType)));
      tr.appendChild(el('td', 'num', u.missedHazards + ' (' + u.missedMajorHazards + ')'));
      tr.appendChild(el('td', 'num', String(u.assignedHazards)));
      tr.appendChild(el('td', 'num', u.revisitsDone + '/' + u.revisitsDoneLate + '/' + u.revisitsOverdue + '/' + u.revisitsDue));
      tr.appendChild(el('td', 'num', share(u.acknowledgedInTimeShare)));
      tr.appendChild(el('td', 'num', share(u.fedBackInTimeShare)));
      tr.appendChild(el('td', 'num', String(u.supervisionReviewsLate)));
      tr.appendChild(el('td', 'num', u.linkedVisitsExpected === null || u.linkedVisitsExpected === undefined ? '–'
        : u.linkedVisitsThisQuarter + '/' + u.linkedVisitsExpected));
      body.appendChild(tr);
    });
  }

  // --- the visiting list (网格员走访清单) ---
  async function loadGrids() {
    try { state.grids = await api('/api/v1/grids'); fillVisitOptions(); } catch (e) { /* shown by toast */ }
  }

  function fillVisitOptions() {
    const township = $('visit-township');
    if (township.options.length <= 1) {
      state.townships.forEach((a) => township.appendChild(new Option(areaName(a), a.areaId)));
    }
    const grid = $('visit-grid');
    if (grid.options.length <= 1) {
      state.grids.forEach((g) => grid.appendChild(new Option(g.areaName || g.areaId, g.areaId)));
    }
  }

  async function loadVisits() {
    const q = new URLSearchParams({ days: $('visit-days').value, limit: '200' });
    if ($('visit-township').value) { q.set('townshipId', $('visit-township').value); }
    if ($('visit-grid').value) { q.set('gridId', $('visit-grid').value); }
    if ($('visit-key-area').checked) { q.set('keyAreaOnly', 'true'); }
    try {
      const list = await api('/api/v1/coverage/unvisited?' + q);
      $('visit-total').textContent = t('visitTotal', { n: list.total });
      state.visits = list.enterprises;
      renderVisits();
    } catch (e) { /* shown by toast */ }
  }

  /** One page of the visiting list: the panel holds its rows instead of scrolling a long list inside it. */
  function renderVisits() {
    const visits = state.visits || [];
    const pages = Math.max(1, Math.ceil(visits.length / PAGE));
    state.visitOffset = Math.min(state.visitOffset || 0, (pages - 1) * PAGE);
    $('visit-page-info').textContent = t('page', { p: Math.floor(state.visitOffset / PAGE) + 1, n: pages });
    const body = $('visit-table').querySelector('tbody');
    body.textContent = '';
    if (!visits.length) { emptyRow(body, t('noVisits'), 6); }
    visits.slice(state.visitOffset, state.visitOffset + PAGE).forEach((u) => {
      const tr = el('tr');
      tr.dataset.enterprise = u.enterpriseId;
      tr.appendChild(enterpriseCell(u.enterpriseId, u.name));
      tr.appendChild(el('td', null, u.townshipName || u.townshipId));
      const grid = state.grids.find((g) => g.areaId === u.gridId);
      tr.appendChild(el('td', null, grid ? (grid.areaName || grid.areaId) : (u.gridId || '–')));
      tr.appendChild(el('td', null, (u.keyArea ? '★ ' : '') + (u.sectorName || u.sectorId)));
      tr.appendChild(el('td', null, t('risk' + u.riskLevel)));
      tr.appendChild(u.lastInspectedAt
        ? el('td', null, fmtTime(u.lastInspectedAt) + ' (' + t('daysAgo', { n: u.daysSinceInspection }) + ')')
        : el('td', 'never', t('never')));
      body.appendChild(tr);
    });
  }

  /** The printable bulletin of the current month in the district's time; a link cannot send a header: the token goes in the query. */
  function bulletinLink() {
    const p = zonedParts(new Date());
    $('bulletin-link').href = '/bulletins/' + p.year + '-' + p.month + (token() ? '?token=' + encodeURIComponent(token()) : '');
  }

  // --- data ---
  async function loadFigures() {
    try {
      const [townships, sectors, overdueMajor, clearance] = await Promise.all([
        api('/api/v1/townships'), api('/api/v1/sectors'),
        api('/api/v1/hazards?status=overdue&severity=MAJOR&limit=500'), api('/api/v1/major-hazards/clearance')]);
      state.townships = townships;
      state.sectors = sectors;
      state.clearance = clearance;
      state.overdueMajor = {};
      overdueMajor.items.forEach((h) => { state.overdueMajor[h.townshipId] = (state.overdueMajor[h.townshipId] || 0) + 1; });
      if ($('filter-township').options.length <= 1) { fillFilterOptions(); }
      renderKpis();
      renderTownships();
      renderSectors();
      renderSources();
      renderMajors();
      renderCases();
    } catch (e) { /* shown by toast */ }
  }

  async function loadAlerts() {
    try {
      const alerts = await api('/api/v1/alerts?limit=1000');
      state.alerts = new Map(alerts.map((a) => [a.alertKey, a]));
      renderAlerts();
      renderTownships();
    } catch (e) { /* shown by toast */ }
  }

  /** The rule catalogue: each alert rule's basis (法规规定 / 产品默认) and source, by rule id and by setting. */
  async function loadRules() {
    try {
      const rules = await api('/api/v1/rules');
      state.rules = {};
      state.rulesByAlert = {};
      rules.forEach((r) => {
        state.rules[r.setting] = r;
        r.alertRules.forEach((id) => { state.rulesByAlert[id] = r; });
      });
      renderAlerts();
      renderTownships();
    } catch (e) { /* shown by toast */ }
  }
  function ruleOf(alertRule) { return (state.rulesByAlert || {})[alertRule]; }

  async function loadWeather() {
    try { state.weather = await api('/api/v1/weather-warnings'); renderWeather(); } catch (e) { /* shown */ }
  }

  // --- live feed ---
  let refreshTimer;
  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => { loadFigures(); loadLedger(); loadCases(); }, 800);
  }
  function connect() {
    const url = '/api/v1/stream' + (token() ? '?token=' + encodeURIComponent(token()) : '');
    const es = new EventSource(url);
    const live = $('live');
    es.onopen = () => { live.className = 'live on'; $('live-text').dataset.i18n = 'live'; $('live-text').textContent = t('live'); };
    es.onerror = () => { live.className = 'live off'; $('live-text').dataset.i18n = 'offline'; $('live-text').textContent = t('offline'); };
    es.addEventListener('alert', (ev) => {
      const a = JSON.parse(ev.data);
      state.alerts.set(a.alertKey, a);
      renderAlerts(a.alertKey);
      renderTownships();
      scheduleRefresh();
      if (writeToken()) { scheduleMine(); }
    });
    es.addEventListener('stats', (ev) => {
      const s = JSON.parse(ev.data);
      const list = s.areaType === 'TOWNSHIP' ? state.townships : state.sectors;
      const i = list.findIndex((x) => x.areaId === s.areaId);
      if (i >= 0) { list[i] = s; } else { list.push(s); }
      scheduleRefresh();
    });
  }

  function tick() {
    const d = new Date();
    $('clock').textContent = fmtTime(d.toISOString()) + ':' + zonedParts(d).second;
  }

  function init() {
    $('lang-toggle').addEventListener('click', () => {
      state.lang = state.lang === 'zh' ? 'en' : 'zh';
      sessionStorage.setItem('fangxian.lang', state.lang);
      applyLanguage();
    });
    $('token-button').addEventListener('click', () => { if (askToken()) { location.reload(); } });
    $('mine-button').addEventListener('click', () => {
      if (writeToken() || askWriteToken()) { loadMine(true).then(() => $('mine').scrollIntoView({ block: 'nearest' })); }
    });
    $('mine-all').addEventListener('change', () => {
      document.querySelectorAll('#mine-list input[type=checkbox]').forEach((b) => { if (!b.disabled) { b.checked = $('mine-all').checked; } });
      mineSelectionChanged();
    });
    $('mine-ack').addEventListener('click', ackSelected);
    document.querySelectorAll('#feed-views button').forEach((b) => b.addEventListener('click', () => {
      state.feedView = b.dataset.view;
      document.querySelectorAll('#feed-views button').forEach((x) => x.classList.toggle('on', x === b));
      renderAlerts();
    }));
    ['filter-township', 'filter-sector', 'filter-status', 'filter-severity'].forEach((id) => $(id).addEventListener('change', () => {
      state.offset = 0;
      if (id === 'filter-township') { state.selectedTownship = $(id).value; renderTownships(); loadCases(); }
      loadLedger();
    }));
    $('page-prev').addEventListener('click', () => { if (state.offset > 0) { state.offset = Math.max(0, state.offset - PAGE); loadLedger(); } });
    $('page-next').addEventListener('click', () => { if (state.offset + PAGE < state.total) { state.offset += PAGE; loadLedger(); } });
    window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.resize()));
    document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
    $('lang-toggle').textContent = state.lang === 'zh' ? 'EN' : '中文';
    document.title = t('title');
    tick();
    setInterval(tick, 1000);
    bulletinLink();
    $('bulletin-link').addEventListener('click', bulletinLink);
    ['visit-township', 'visit-grid', 'visit-days', 'visit-key-area'].forEach((id) => $(id).addEventListener('change', () => {
      state.visitOffset = 0;
      loadVisits();
    }));
    $('visit-prev').addEventListener('click', () => { state.visitOffset = Math.max(0, (state.visitOffset || 0) - PAGE); renderVisits(); });
    $('visit-next').addEventListener('click', () => {
      if ((state.visitOffset || 0) + PAGE < (state.visits || []).length) { state.visitOffset = (state.visitOffset || 0) + PAGE; renderVisits(); }
    });
    Promise.all([loadFigures(), loadAlerts(), loadWeather(), loadLedger(), loadGrids(), loadRules(), loadCases(), loadUnits()])
      .then(() => { fillVisitOptions(); loadVisits(); connect(); });
    window.fangxian = { api, t, fmtTime, el, lang: () => state.lang };
    setInterval(() => { loadFigures(); loadWeather(); loadVisits(); loadCases(); loadUnits(); }, 60000);
    setInterval(loadAlerts, 120000);
    loadMine(false);
    setInterval(() => loadMine(false), 60000);
  }

  document.addEventListener('DOMContentLoaded', init);
})();
