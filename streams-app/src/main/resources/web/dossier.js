/* The enterprise dossier (一企一档): opened from any enterprise name (#/enterprise/<id>). */
(function () {
  'use strict';

  const GRADE_CLASS = { ESPECIALLY_MAJOR: 'RED', MAJOR: 'ORANGE', LARGER: 'YELLOW', GENERAL: 'BLUE' };
  const ZH = {
    RISK: { RED: '重大风险', ORANGE: '较大风险', YELLOW: '一般风险', BLUE: '低风险', UNKNOWN: '未评定' },
    KIND: { ROUTINE: '日常检查', FLYING: '飞行检查', LINKED_SUPERVISION: '挂钩督导', GRID_PATROL: '网格巡查', SELF_INSPECTION: '企业自查' },
    ACTION: { WARNING: '警告', FINE: '罚款', SUSPENSION: '停产停业整顿', CLOSURE: '关闭' },
    STATUS: { REPORTED: '已上报', RECTIFICATION_STARTED: '整改中', RECTIFIED: '已整改待验收', ENTERPRISE_ACCEPTED: '企业已验收', VERIFIED_CLOSED: '已验收销号' },
    LEVEL: { TOWNSHIP: '镇级', DISTRICT: '区级', CITY: '市级', PROVINCE: '省级' },
    RULE: { 'major-hazard': '重大事故隐患', 'overdue-rectification': '整改逾期', surge: '隐患激增', 'repeat-violator': '屡查屡犯',
      'weather-escalation': '气象风险升级', 'key-enterprise': '重点企业隐患', 'self-inspection-lapse': '自查自纠中断',
      'self-report-gap': '自查上报不足', 'major-unsupervised': '重大隐患未挂牌督办', accident: '生产安全事故',
      'accident-late-report': '事故迟报', 'accident-sector-warning': '行业事故警示(举一反三)', 'coverage-gap': '检查覆盖不足',
      'certificate-noncompliant': '三项岗位持证缺失', 'certificate-expiry': '证书到期提醒',
      'accident-suspected-late-report': '事故疑似迟报', 'write-off-review-overdue': '隐患核销审查逾期',
      'certificate-review': '证书复审', 'case-decision-overdue': '行政处罚决定逾期',
      'major-hazard-without-case': '重大隐患未立案' },
    CERT_STATE: { VALID: '有效', EXPIRING: '30天内到期', EXPIRED: '已过期', REVOKED: '已撤销', NOT_YET_VALID: '未生效',
      REVIEW_DUE: '60天内须复审', REVIEW_OVERDUE: '逾期未复审(失效)' },
    ALERT_LEVEL: { RED: '红色 Ⅰ级', ORANGE: '橙色 Ⅱ级', YELLOW: '黄色 Ⅲ级', BLUE: '蓝色 Ⅳ级' },
    ALERT_STATUS: { FIRING: '触发', ESCALATED: '升级', DE_ESCALATED: '降级', RESOLVED: '已解除' }
  };
  const yuan = (v) => (v === null || v === undefined ? '–' : Number(v).toLocaleString('zh-CN', { maximumFractionDigits: 2 }));
  let monthlyChart = null;
  const $ = (id) => document.getElementById(id);

  function fx() { return window.fangxian; }

  function section(title) {
    const h = fx().el('h3', null, title);
    $('dossier-body').appendChild(h);
  }

  function table(headers, rows, cls) {
    const el = fx().el;
    const t = el('table', cls);
    const head = el('tr');
    headers.forEach((h) => head.appendChild(el('th', null, h)));
    t.appendChild(el('thead')).appendChild(head);
    const body = t.appendChild(el('tbody'));
    if (!rows.length) {
      const tr = el('tr');
      const td = el('td', 'empty', '无');
      td.colSpan = headers.length;
      tr.appendChild(td);
      body.appendChild(tr);
    }
    rows.forEach((cells) => {
      const tr = el('tr');
      cells.forEach((c) => tr.appendChild(c instanceof Node ? c : el('td', null, c === null || c === undefined ? '–' : c)));
      body.appendChild(tr);
    });
    $('dossier-body').appendChild(t);
    return t;
  }

  function render(p) {
    const { el, fmtTime } = fx();
    const body = $('dossier-body');
    body.textContent = '';
    body.dataset.enterprise = p.enterpriseId;
    body.appendChild(el('h2', null, p.name));
    const facts = body.appendChild(el('div', 'facts'));
    [['统一社会信用代码', p.enterpriseId], ['镇街', p.townshipName || p.townshipId], ['行业', (p.keyArea ? '★ ' : '') + (p.sectorName || p.sectorId)],
      ['风险等级', ZH.RISK[p.riskLevel] || p.riskLevel], ['挂钩督导', p.keySupervised ? (p.supervisor || '是') : '否'],
      ['化工集中区', p.inChemicalZone ? '是' : '否'], ['地址', p.address]].forEach(([k, v]) => facts.appendChild(el('span', null, k + ': ' + (v || '–'))));
    const sums = body.appendChild(el('div', 'facts'));
    [['隐患', p.hazardCount], ['未销号', p.openHazardCount], ['重大(未销号)', p.openMajorHazardCount], ['逾期', p.overdueHazardCount],
      ['违法行为', p.violationCount], ['罚款(元)', yuan(p.fineYuanTotal)], ['检查', p.inspectionCount], ['事故', p.accidentCount]]
      .forEach(([k, v]) => sums.appendChild(el('span', 'sum', k + ' ' + v)));

    // 严重失信主体名单 (应急管理部令第11号): the listing situations its accidents show, named; listing is the department's decision.
    const flags = p.seriousDishonesty || [];
    if (flags.length) {
      const box = body.appendChild(el('div', 'dishonesty'));
      box.id = 'serious-dishonesty';
      box.appendChild(el('strong', null, '可能符合严重失信主体名单列入情形(由作出处罚决定的应急管理部门决定是否列入)'));
      flags.forEach((f) => {
        const line = box.appendChild(el('div', null, f.text + ' — 事故 ' + f.accidentIds.join('、') + ',' + fmtTime(f.metAt) + ' 起'));
        line.dataset.criterion = f.criterion;
        line.title = f.source;
      });
    }

    section('隐患 (' + p.hazardCount + ')');
    table(['隐患编号', '等级', '判定依据', '状态', '上报', '整改期限', '挂牌督办'], p.hazards.map((h) => [
      h.hazardId, h.severity === 'MAJOR' ? '重大事故隐患' + (h.unclassifiedMajor ? ' · 未定依据' : '') : '一般隐患',
      h.clause ? h.clause.standardShort + ' ' + h.clause.article : (h.unknownClauseId || '–'),
      h.overdue ? '逾期' : (ZH.STATUS[h.status] || h.status), fmtTime(h.reportedAt), fmtTime(h.deadline),
      h.supervision ? (ZH.LEVEL[h.supervision.level] || h.supervision.level) + ' · ' + h.supervision.department : '–']), 'hazards');

    section('生产安全事故 (' + p.accidentCount + ')');
    table(['事故编号', '等级', '类别 (GB 6441)', '发生', '报告', '死亡', '重伤', '直接经济损失(元)'], p.accidents.map((a) => {
      const grade = el('td');
      grade.appendChild(el('span', 'badge ' + GRADE_CLASS[a.grade], a.gradeZh));
      return [a.accidentId, grade, a.accidentTypeZh, fmtTime(a.occurredAt), fmtTime(a.reportedAt) + (a.reportedLate ? ' (迟报)' : a.suspectedLateReport ? ' (疑似迟报)' : '')
        + (a.supplementLate ? ' (补报逾期)' : ''),
        a.deaths, a.seriousInjuries, yuan(a.directLossYuan)];
    }), 'accidents');

    const cases = p.cases || [];
    const CASE_STATUS = { OPENED: '已立案', DECIDED: '已作出处罚决定', TRANSFERRED: '已移送司法机关', CLOSED: '已结案', WITHDRAWN: '已撤销立案' };
    section('行政处罚案件 (' + cases.length + ')');
    table(['案件编号', '状态', '承办部门', '立案', '决定期限 (行政处罚法 第六十条)', '罚款(元)', '按日连续处罚', '隐患', '步骤'], cases.map((c) => [
      c.caseId, CASE_STATUS[c.status] || c.status, c.departmentId || '–', fmtTime(c.openedAt),
      fmtTime(c.decisionDueAt) + (c.decisionOverdue ? ' (逾期未决定)' : ''), yuan(c.penaltyYuan), c.dailyFine ? '是' : '否',
      c.hazardIds.join('、') || '–', c.steps.map((s) => (CASE_STATUS[s.type] || s.type) + ' ' + fmtTime(s.occurredAt)).join(' → ')]), 'cases');

    const reports = p.reports || [];
    const REPORT_STATUS = { RECEIVED: '已接收', ACCEPTED: '已受理', REJECTED: '不予受理', ASSIGNED: '已交办', VERIFIED: '已核查',
      REPLIED: '已答复', REWARDED: '已奖励' };
    section('举报 (' + reports.length + ')');
    table(['举报编号', '状态', '渠道', '接收', '核查期限', '属实', '奖励(元)', '隐患'], reports.map((r) => [
      r.reportId, (REPORT_STATUS[r.status] || r.status) + (r.anonymous ? ' · 匿名' : ''), r.channel || '–', fmtTime(r.receivedAt),
      fmtTime(r.verificationDueAt) + (r.verificationOverdue ? ' (核查逾期)' : ''),
      r.substantiated === true ? '是' : r.substantiated === false ? '否' : '–', r.rewardYuan ? yuan(r.rewardYuan) : '–',
      r.hazardIds.join('、') || '–']), 'reports');

    const st = p.standing;
    if (st) {
      section('检查覆盖与三项岗位证书');
      const facts2 = body.appendChild(el('div', 'facts standing'));
      facts2.appendChild(el('span', 'last-inspected', '最近一次检查(企业自查除外): ' + (st.lastInspectedAt
        ? fmtTime(st.lastInspectedAt) + '(' + st.daysSinceInspection + ' 天前)' : '从未检查')));
      facts2.appendChild(el('span', null, '网格: ' + (st.gridId || '–')));
      if (st.status === 'CLOSED') { facts2.appendChild(el('span', 'sum', '已关闭')); }
      const badge = el('span', 'badge compliance ' + (st.compliant ? 'ok' : 'RED'),
        st.compliant ? '持证齐全' : '缺: ' + st.missingPosts.join('、'));
      facts2.appendChild(badge);
      table(['持证人', '岗位', '作业类别', '发证', '有效期至', '状态'], st.certificates.map((c) => {
        const cell = el('td', 'cert-' + c.state, ZH.CERT_STATE[c.state] || c.state);
        return [c.holderName, c.postZh, c.operationType, fmtTime(c.issuedAt), fmtTime(c.expiresAt), cell];
      }), 'certificates');
    }

    section('违法行为与处罚 (' + p.violationCount + ')');
    table(['编号', '处理', '罚款(元)', '时间', '说明'], p.violations.map((v) => [v.violationId, ZH.ACTION[v.action] || v.action,
      yuan(v.fineYuan), fmtTime(v.occurredAt), v.description]), 'violations');

    section('检查 (' + p.inspectionCount + ')');
    table(['检查类别', '次数', '最近一次', '检查人'], Object.entries(p.inspectionsByKind).map(([k, s]) => [ZH.KIND[k] || k, s.count,
      fmtTime(s.last.occurredAt), s.last.inspector]), 'inspections');

    section('预警 (' + p.alerts.length + ')');
    table(['预警', '等级', '状态', '标题', '时间'], p.alerts.map((a) => {
      const level = el('td');
      level.appendChild(el('span', 'badge ' + a.level, ZH.ALERT_LEVEL[a.level] || a.level));
      return [ZH.RULE[a.rule] || a.rule, level, ZH.ALERT_STATUS[a.status] || a.status, a.titleZh, fmtTime(a.emittedAt)];
    }), 'alerts');

    section('近12个月');
    monthly(body.appendChild(el('div', 'monthly-chart')), [...p.monthly].reverse());
    table(['月份', '新增隐患', '销号', '违法', '罚款(元)', '检查', '事故'], p.monthly.map((m) => [m.month, m.hazardsReported,
      m.hazardsClosed, m.violations, yuan(m.fineYuan), m.inspections, m.accidents]), 'monthly');
  }

  /** The last 12 months, oldest first, as grouped bars (ECharts, as the dashboard's charts); fines on their own axis. */
  function monthly(box, months) {
    if (monthlyChart) { monthlyChart.dispose(); monthlyChart = null; }
    if (!window.echarts) { return; }
    monthlyChart = echarts.init(box, null, { renderer: 'canvas' });
    const bar = (name, f, colour) => ({ name, type: 'bar', barMaxWidth: 10, itemStyle: { color: colour }, data: months.map(f) });
    monthlyChart.setOption({
      grid: { left: 8, right: 8, top: 30, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, textStyle: { color: '#7f93b5' }, itemWidth: 10, itemHeight: 10 },
      xAxis: { type: 'category', data: months.map((m) => m.month), axisLabel: { color: '#7f93b5' } },
      yAxis: [{ type: 'value', minInterval: 1, axisLabel: { color: '#7f93b5' }, splitLine: { lineStyle: { color: 'rgba(255,255,255,.06)' } } },
        { type: 'value', name: '罚款(元)', nameTextStyle: { color: '#7f93b5' }, axisLabel: { color: '#7f93b5' }, splitLine: { show: false } }],
      series: [bar('新增隐患', (m) => m.hazardsReported, '#38bdf8'), bar('销号', (m) => m.hazardsClosed, '#22c55e'),
        bar('违法', (m) => m.violations, '#f97316'), bar('检查', (m) => m.inspections, '#a78bfa'), bar('事故', (m) => m.accidents, '#ef4444'),
        { name: '罚款(元)', type: 'line', yAxisIndex: 1, symbolSize: 4, itemStyle: { color: '#facc15' }, data: months.map((m) => m.fineYuan) }]
    });
  }

  async function open(id) {
    if (!fx()) { return; }
    $('dossier').hidden = false;
    $('dossier-body').textContent = '…';
    try { render(await fx().api('/api/v1/enterprises/' + encodeURIComponent(id))); } catch (e) { close(); }
  }

  function close() {
    $('dossier').hidden = true;
    if (monthlyChart) { monthlyChart.dispose(); monthlyChart = null; }
    if (location.hash.startsWith('#/enterprise/')) { history.replaceState(null, '', location.pathname + location.search); }
  }

  function fromHash() {
    const m = /^#\/enterprise\/(.+)$/.exec(location.hash);
    if (m) { open(decodeURIComponent(m[1])); }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('dossier-close').addEventListener('click', close);
    $('dossier').addEventListener('click', (e) => { if (e.target.id === 'dossier') { close(); } });
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape') { close(); } });
    window.addEventListener('hashchange', fromHash);
    setTimeout(fromHash, 0);
  });
})();
