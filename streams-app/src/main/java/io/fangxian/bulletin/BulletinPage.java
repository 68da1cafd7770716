package io.fangxian.bulletin;

import io.fangxian.bulletin.Bulletin.Figures;
import io.fangxian.bulletin.Bulletin.Row;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The printable bulletin (安全生产通报), in Chinese, drawn on the server from the same
 * {@link Bulletin} the API returns: one HTML page with its own styles and SVG charts, no script,
 * so it prints as it shows and a saved copy stays readable.
 */
public final class BulletinPage {
  private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private BulletinPage() { }

  public static String render(Bulletin b) {
    YearMonth month = YearMonth.parse(b.month());
    String title = "安全生产通报(" + month.getYear() + "年" + month.getMonthValue() + "月)";
    StringBuilder h = new StringBuilder(32_000);
    h.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
        .append("</title><style>").append(STYLE).append("</style></head><body>");
    h.append("<h1 id=\"bulletin-title\">").append(esc(title)).append("</h1>");
    h.append("<p class=\"meta\">统计月份 ").append(b.month()).append("(").append(esc(b.zone())).append(" 时间);生成于 ")
        .append(GENERATED.format(b.generatedAt().atZone(ZoneId.of(b.zone())))).append("。隐患按发现月份统计,其整改情况为截至生成时;")
        .append("执法、检查、事故按发生月份统计;检查覆盖与持证为截至生成时。环比为与上月(").append(b.previousMonth())
        .append(")相比,同比为与上年同月(").append(b.yearAgoMonth()).append(")相比,年累计为 ").append(month.getYear())
        .append(" 年 1 月至本月合计。整改率 = (已整改待销号 + 已销号) ÷ 发现隐患;销号率 = 已销号 ÷ 发现隐患。</p>");

    Row d = b.district();
    Figures m = d.month();
    h.append("<h2>一、总体情况</h2><p class=\"summary\" id=\"district-summary\">本月全区排查发现隐患 <b>").append(m.hazardsReported())
        .append("</b> 项(").append(change(d.change().hazardsReported())).append("),其中重大隐患 <b>").append(m.majorHazardsReported())
        .append("</b> 项;已整改 ").append(m.rectifiedHazards() + m.closedHazards()).append(" 项(其中已销号 ").append(m.closedHazards())
        .append(" 项),整改率 <b>").append(percent(m.rectificationRate())).append("</b>,销号率 <b>").append(percent(m.closureRate()))
        .append("</b>;同比").append(change(d.yearOnYear().hazardsReported())).append(";年累计发现隐患 <b>")
        .append(d.yearToDate().hazardsReported()).append("</b> 项,年累计整改率 ").append(percent(d.yearToDate().rectificationRate()))
        .append("、销号率 ").append(percent(d.yearToDate().closureRate())).append(";本月发现的隐患中逾期未整改 ").append(m.overdueHazards()).append(" 项。查处违法行为 <b>").append(m.violations())
        .append("</b> 起(警告 ").append(m.warnings()).append("、罚款 ").append(m.fines()).append("、停产停业 ").append(m.suspensions())
        .append("、关闭 ").append(m.closures()).append("),罚款 ").append(yuan(m.fineYuan())).append(" 元;开展检查 ")
        .append(m.inspections()).append(" 次;发生生产安全事故 <b>").append(m.accidents()).append("</b> 起,死亡 ")
        .append(m.accidentDeaths()).append(" 人,重伤 ").append(m.accidentSeriousInjuries()).append(" 人。</p>");
    h.append(table(List.of(d), "district-table", "全区"));

    h.append("<h2>二、各镇(街道)情况</h2>");
    h.append(chart(b.townships(), month));
    h.append(table(b.townships(), "township-table", "镇(街道)"));

    h.append("<h2>三、行业领域情况</h2><p class=\"note\">列出本月、上月、上年同月或本年有记录的行业领域。</p>");
    h.append(table(b.sectors().stream().filter(r -> any(r.month()) || any(r.previous()) || any(r.yearAgo())
        || any(r.yearToDate())).toList(), "sector-table", "行业领域"));

    h.append("<h2>四、检查覆盖与三项岗位持证(截至生成时)</h2>");
    h.append(coverage(b.townships(), d));
    h.append("<h3>举报办理(截至生成时)</h3><p class=\"note\">收到举报、核查属实、核查逾期(受理后60日未核查)与奖励金额,"
        + "按举报所在镇(街道)。</p>");
    h.append(reports(b.townships(), d));

    h.append("<h2>五、曝光台</h2>").append(exposureNote(b.exposureCriteria()));
    h.append(exposure(b.exposure()));

    h.append("<h2>六、执法情况排名</h2><p class=\"note\">立案数为本月立案的行政处罚案件;每起重大隐患立案数 = 本月立案数 ÷ 本月发现重大隐患数"
        + "(部门按监管责任清单所管行业计);办案及时率 = 按期作出决定的案件 ÷ 本月到期或作出决定的案件(行政处罚法第六十条,立案之日起九十日内作出决定;"
        + "作出决定、移送或撤销立案即为办结,以办结与期满二者较早者计入月份)。排名并列者同名次,无重大隐患或无到期案件者不参与该项排名。</p>");
    h.append(enforcementTable(b.enforcementTownships(), "enforcement-township-table", "镇(街道)"));
    h.append(enforcementTable(b.enforcementDepartments(), "enforcement-department-table", "承办部门"));

    h.append("<h2>七、镇街与部门考核(截至生成时)</h2><p class=\"note\">漏检:飞行检查或群众举报发现的隐患,该单位在此前"
        + "考核窗口内检查过该企业;回头看:飞行检查发现隐患后,期限内应再次检查(交办至属地镇街与行业主管部门);"
        + "预警签收、反馈及时率按推送时限计;挂牌督办核销逾期按督办部门计。得分 = 100 − 漏检×2 − 重大漏检×3 − 回头看逾期×3"
        + " − 回头看超期完成×1 − 核销逾期×3 − (1 − 签收及时率)×10 − (1 − 反馈及时率)×10,最低为0;权重为产品默认,"
        + "可由安委会另定。</p>");
    h.append(unitTable(b.unitTownships(), "unit-township-table", "镇(街道)"));
    h.append(unitTable(b.unitDepartments(), "unit-department-table", "部门"));
    h.append("</body></html>");
    return h.toString();
  }

  /** What put the enterprises on the list, as configured, and what that rests on. */
  static String exposureNote(Bulletin.ExposureCriteria c) {
    StringBuilder n = new StringBuilder("<p class=\"note\" id=\"exposure-criteria\" data-basis=\"")
        .append(esc(c.basis())).append("\">列入标准:本月违法行为 ").append(c.minViolationsInMonth()).append(" 次及以上的企业");
    if (c.overdueMajorHazard()) {
      n.append(",以及重大事故隐患逾期未整改的企业");
    }
    n.append("。").append("RULE".equals(c.basis()) ? "依据:" : "此标准为本局自定(非法规规定的条件)。依据与说明:")
        .append(esc(c.source())).append("</p>");
    return n.toString();
  }

  private static boolean any(Figures f) {
    return f.hazardsReported() + f.violations() + f.inspections() + f.accidents() + f.closedHazards() > 0;
  }

  private static String table(List<Row> rows, String id, String areaHeader) {
    StringBuilder t = new StringBuilder("<table id=\"" + id + "\"><thead><tr><th>" + areaHeader + "</th>"
        + "<th>发现隐患</th><th>环比</th><th>同比</th><th>年累计</th><th>排名</th><th>重大隐患</th><th>已整改待销号</th>"
        + "<th>已销号</th><th>整改率</th><th>销号率</th><th>年累计整改率</th><th>年累计销号率</th><th>整改率排名</th>"
        + "<th>逾期未整改</th><th>违法行为</th><th>违法同比</th><th>违法年累计</th><th>罚款(元)</th><th>停产停业</th>"
        + "<th>关闭</th><th>检查</th><th>事故</th><th>事故同比</th><th>事故年累计</th><th>死亡</th></tr></thead><tbody>");
    for (Row r : rows) {
      Figures m = r.month();
      Figures y = r.yearToDate();
      t.append("<tr data-area=\"").append(esc(r.areaId())).append("\">");
      cells(t, esc(r.areaName()), m.hazardsReported(), change(r.change().hazardsReported()),
          change(r.yearOnYear().hazardsReported()), y.hazardsReported(), r.hazardsRank() == null ? "—" : r.hazardsRank(),
          m.majorHazardsReported(), m.rectifiedHazards(), m.closedHazards(), percent(m.rectificationRate()),
          percent(m.closureRate()), percent(y.rectificationRate()), percent(y.closureRate()),
          r.rectificationRank() == null ? "—" : r.rectificationRank(), m.overdueHazards(), m.violations(),
          change(r.yearOnYear().violations()), y.violations(), yuan(m.fineYuan()), m.suspensions(), m.closures(),
          m.inspections(), m.accidents(), change(r.yearOnYear().accidents()), y.accidents(), m.accidentDeaths());
      t.append("</tr>");
    }
    return t.append("</tbody></table>").toString();
  }

  private static String enforcementTable(List<Bulletin.EnforcementRank> rows, String id, String areaHeader) {
    StringBuilder t = new StringBuilder("<table id=\"" + id + "\"><thead><tr><th>" + areaHeader + "</th><th>立案</th>"
        + "<th>重大隐患</th><th>每起重大隐患立案</th><th>排名</th><th>到期或办结</th><th>按期</th><th>办案及时率</th><th>排名</th>"
        + "</tr></thead><tbody>");
    for (Bulletin.EnforcementRank r : rows) {
      t.append("<tr data-area=\"").append(esc(r.areaId())).append("\">");
      cells(t, esc(r.areaName()), r.casesOpened(), r.majorHazardsReported(),
          r.casesPerMajorHazard() == null ? "—" : String.format(Locale.ROOT, "%.2f", r.casesPerMajorHazard()),
          r.casesPerMajorHazardRank() == null ? "—" : r.casesPerMajorHazardRank(), r.decisionsDue(), r.decisionsInTime(),
          r.timeliness() == null ? "—" : percent(r.timeliness()), r.timelinessRank() == null ? "—" : r.timelinessRank());
      t.append("</tr>");
    }
    return t.append("</tbody></table>").toString();
  }

  private static String unitTable(List<Bulletin.UnitRank> rows, String id, String header) {
    StringBuilder t = new StringBuilder("<table id=\"" + id + "\"><thead><tr><th>排名</th><th>" + header + "</th><th>得分</th>"
        + "<th>漏检</th><th>重大漏检</th><th>交办隐患</th><th>回头看应检</th><th>按期</th><th>超期完成</th><th>逾期未检</th>"
        + "<th>预警</th><th>签收及时率</th><th>反馈及时率</th><th>核销逾期</th></tr></thead><tbody>");
    for (Bulletin.UnitRank r : rows) {
      t.append("<tr data-unit=\"").append(esc(r.unitId())).append("\">");
      cells(t, r.rank(), esc(r.unitName() == null ? r.unitId() : r.unitName()), String.format(Locale.ROOT, "%.1f", r.score()),
          r.missedHazards(), r.missedMajorHazards(), r.assignedHazards(), r.revisitsDue(), r.revisitsDone(),
          r.revisitsDoneLate(), r.revisitsOverdue(), r.alerts(),
          r.acknowledgedInTimeShare() == null ? "—" : percent(r.acknowledgedInTimeShare()),
          r.fedBackInTimeShare() == null ? "—" : percent(r.fedBackInTimeShare()), r.supervisionReviewsLate());
      t.append("</tr>");
    }
    return t.append("</tbody></table>").toString();
  }

  private static void cells(StringBuilder t, Object... values) {
    for (Object v : values) {
      t.append("<td>").append(v).append("</td>");
    }
  }

  private static String coverage(List<Row> townships, Row district) {
    StringBuilder t = new StringBuilder("<table id=\"coverage-table\"><thead><tr><th>镇(街道)</th><th>企业</th>"
        + "<th>近90天已检查</th><th>覆盖率</th><th>从未检查</th><th>持证不全企业</th><th>30天内到期证书</th><th>已过期证书</th>"
        + "<th>在整改隐患</th><th>重大隐患</th></tr></thead><tbody>");
    for (Row r : concat(townships, district)) {
      Bulletin.Current c = r.now();
      t.append("<tr data-area=\"").append(esc(r.areaId())).append("\"><td>").append(esc(r.areaName())).append("</td><td>")
          .append(c.enterprises()).append("</td><td>").append(c.inspectedLast90d()).append("</td><td>")
          .append(percent(c.coverageLast90d())).append("</td><td>").append(c.neverInspected()).append("</td><td>")
          .append(c.nonCompliantEnterprises()).append("</td><td>").append(c.certificatesExpiringWithin30d()).append("</td><td>")
          .append(c.certificatesExpired()).append("</td><td>").append(c.openHazards()).append("</td><td>")
          .append(c.openMajorHazards()).append("</td></tr>");
    }
    return t.append("</tbody></table>").toString();
  }

  /** 举报: each township's public reports as they stand now (docs/design.md, "Public reports"). */
  private static String reports(List<Row> townships, Row district) {
    StringBuilder t = new StringBuilder("<table id=\"reports-table\"><thead><tr><th>镇(街道)</th><th>收到举报</th>"
        + "<th>核查属实</th><th>核查逾期</th><th>奖励(元)</th></tr></thead><tbody>");
    for (Row r : concat(townships, district)) {
      Bulletin.Current c = r.now();
      t.append("<tr data-area=\"").append(esc(r.areaId())).append("\"><td>").append(esc(r.areaName())).append("</td><td>")
          .append(c.reportsReceived()).append("</td><td>").append(c.reportsSubstantiated()).append("</td><td>")
          .append(c.reportsVerificationOverdue()).append("</td><td>")
          .append(String.format(java.util.Locale.ROOT, "%.2f", c.rewardYuan())).append("</td></tr>");
    }
    return t.append("</tbody></table>").toString();
  }

  private static List<Row> concat(List<Row> rows, Row last) {
    java.util.ArrayList<Row> all = new java.util.ArrayList<>(rows);
    all.add(last);
    return all;
  }

  private static String exposure(List<Bulletin.Exposure> list) {
    if (list.isEmpty()) {
      return "<p id=\"exposure-empty\">本月无。</p>";
    }
    StringBuilder t = new StringBuilder("<table id=\"exposure-table\"><thead><tr><th>企业</th><th>统一社会信用代码</th>"
        + "<th>镇(街道)</th><th>本月违法行为</th><th>逾期未整改重大隐患</th></tr></thead><tbody>");
    for (Bulletin.Exposure x : list) {
      t.append("<tr data-enterprise=\"").append(esc(x.enterpriseId())).append("\"><td>").append(esc(x.enterpriseName()))
          .append("</td><td>").append(esc(x.enterpriseId())).append("</td><td>")
          .append(esc(x.townshipName() != null ? x.townshipName() : x.townshipId())).append("</td><td>")
          .append(x.violationsInMonth() == 0 ? "—" : x.violationsInMonth() + " 次(" + esc(String.join("、", x.violationIds())) + ")")
          .append("</td><td>").append(x.overdueMajorHazardIds().isEmpty() ? "—" : esc(String.join("、", x.overdueMajorHazardIds())))
          .append("</td></tr>");
    }
    return t.append("</tbody></table>").toString();
  }

  /** Hazards found per township, this month beside the month before, as horizontal bars. */
  private static String chart(List<Row> rows, YearMonth month) {
    long max = Math.max(1, rows.stream().mapToLong(r -> Math.max(r.month().hazardsReported(), r.previous().hazardsReported()))
        .max().orElse(1));
    int rowHeight = 26;
    int width = 720;
    int label = 110;
    int bar = width - label - 60;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg id=\"township-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
        + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"各镇(街道)本月与上月发现隐患数\">", width, rows.size() * rowHeight + 30));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" class=\"now\"/><text x=\"%d\" y=\"13\">%s</text>"
        + "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" class=\"before\"/><text x=\"%d\" y=\"13\">%s</text>",
        label, label + 14, month, label + 100, label + 114, month.minusMonths(1)));
    int y = 24;
    for (Row r : rows) {
      long now = r.month().hazardsReported();
      long before = r.previous().hazardsReported();
      svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>", y + 12, esc(r.areaName())));
      svg.append(String.format(Locale.ROOT, "<rect class=\"now\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"9\"/>", label, y + 2,
          Math.round((double) bar * now / max)));
      svg.append(String.format(Locale.ROOT, "<rect class=\"before\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"9\"/>", label, y + 12,
          Math.round((double) bar * before / max)));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%d</text>", label + Math.round((double) bar * now / max) + 4,
          y + 10, now));
      y += rowHeight;
    }
    return svg.append("</svg>").toString();
  }

  private static String change(long d) {
    return d == 0 ? "持平" : d > 0 ? "增加 " + d : "减少 " + (-d);
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  private static String yuan(double v) {
    return String.format(Locale.ROOT, "%,.2f", v);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  private static final String STYLE = """
      body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:24px auto;max-width:1100px;
        color:#222;font-size:14px}
      h1{text-align:center;color:#b00;font-size:26px;border-bottom:3px solid #b00;padding-bottom:8px}
      h2{font-size:18px;margin-top:24px}
      .meta,.note{color:#555;font-size:12px}
      .summary{line-height:1.9;text-indent:2em}
      table{border-collapse:collapse;width:100%;margin:8px 0;font-size:12px}
      th,td{border:1px solid #999;padding:3px 5px;text-align:right}
      th{background:#f0f0f0;text-align:center}
      td:first-child{text-align:left}
      .chart text{font-size:12px}
      .chart .now{fill:#c0392b}
      .chart .before{fill:#95a5a6}
      @media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table{page-break-inside:auto}
        tr{page-break-inside:avoid}}
      """;
}
