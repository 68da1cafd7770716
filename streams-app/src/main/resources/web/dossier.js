/* The enterprise dossier (一企一档): opened from any enterprise name (#/enterprise/<id>). */
(function () {
  'use strict';

  const GRADE_CLASS = { ESPECIALLY_MAJOR: 'RED', MAJOR: 'ORANGE', LARGER: 'YELLOW', GENERAL: 'BLUE' };
  const ZH = {
    RISK: { RED: '重大风险', ORANGE: '较大风险', YELLOW: '一般风险', BLUE: '低风险', UNKNOWN: '未评定' },
    KIND: { ROUTINE: '日常检查', FLYING: '飞行检查', LINKED_SUPERVISION: '挂钩督导', GRID_PATROL: '网格巡查', SELF_INSPECTION: '企业自查' },
    ACTION: { WARNING: '警告', FINE: '罚款', SUSPENSION: '停产停业整顿', CLOSURE: '关闭' },
    STATUS: { REPORTED: '已上报', RECTIFICATION_STARTED: '整改中', RECTIFIED: '已整改待验收', ENTERPRISE_ACCEPTED: '企业已验收', VERIFIED_CLOSED: '已验收销号' },
    LEVEL: { TOWNSHIP: '镇级', DISTRICT: '区级', CITY: '市级', PROVINCE: '省级' }
  };
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
      ['违法行为', p.violationCount], ['罚款(元)', p.fineYuanTotal], ['检查', p.inspectionCount], ['事故', p.accidentCount]]
      .forEach(([k, v]) => sums.appendChild(el('span', 'sum', k + ' ' + v)));

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
      return [a.accidentId, grade, a.accidentTypeZh, fmtTime(a.occurredAt), fmtTime(a.reportedAt) + (a.reportedLate ? ' (迟报)' : ''),
        a.deaths, a.seriousInjuries, a.directLossYuan];
    }), 'accidents');

    section('违法行为与处罚 (' + p.violationCount + ')');
    table(['编号', '处理', '罚款(元)', '时间', '说明'], p.violations.map((v) => [v.violationId, ZH.ACTION[v.action] || v.action,
      v.fineYuan, fmtTime(v.occurredAt), v.description]), 'violations');

    section('检查 (' + p.inspectionCount + ')');
    table(['检查类别', '次数', '最近一次', '检查人'], Object.entries(p.inspectionsByKind).map(([k, s]) => [ZH.KIND[k] || k, s.count,
      fmtTime(s.last.occurredAt), s.last.inspector]), 'inspections');

    section('预警 (' + p.alerts.length + ')');
    table(['规则', '等级', '状态', '标题', '时间'], p.alerts.map((a) => [a.rule, a.level, a.status, a.titleZh, fmtTime(a.emittedAt)]), 'alerts');

    section('近12个月');
    const bars = body.appendChild(el('div', 'bars'));
    const months = [...p.monthly].reverse();
    const max = Math.max(1, ...months.map((m) => m.hazardsReported));
    months.forEach((m) => {
      const b = bars.appendChild(el('div', 'bar'));
      b.style.height = (100 * m.hazardsReported / max) + '%';
      b.title = m.month + ' 隐患 ' + m.hazardsReported + ', 销号 ' + m.hazardsClosed + ', 违法 ' + m.violations
        + ', 罚款 ' + m.fineYuan + ', 检查 ' + m.inspections + ', 事故 ' + m.accidents;
      b.appendChild(el('span', null, m.month.slice(5)));
    });
    body.appendChild(el('div', null, '\u00a0'));
    table(['月份', '新增隐患', '销号', '违法', '罚款(元)', '检查', '事故'], p.monthly.map((m) => [m.month, m.hazardsReported,
      m.hazardsClosed, m.violations, m.fineYuan, m.inspections, m.accidents]), 'monthly');
  }

  async function open(id) {
    if (!fx()) { return; }
    $('dossier').hidden = false;
    $('dossier-body').textContent = '…';
    try { render(await fx().api('/api/v1/enterprises/' + encodeURIComponent(id))); } catch (e) { close(); }
  }

  function close() {
    $('dossier').hidden = true;
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
