package io.fangxian.config;

import java.util.List;
import java.util.Optional;

/**
 * What each section of the rules file rests on: a regulation ({@code RULE}, with the article) or the
 * product's own default that a bureau may change ({@code CHOICE}). The API's rule catalogue
 * ({@code GET /api/v1/rules}), the dashboard and the bulletin show these labels; the rules file and
 * docs/design.md say the same in words. A section that applies a regulation with thresholds of its
 * own is a {@code CHOICE}, and its source says which part is the law's.
 */
public final class RuleCatalogue {
  private RuleCatalogue() { }

  /** RULE: a regulation fixes it; CHOICE: the product's default, to be confirmed or changed by the bureau. */
  public enum Basis { RULE, CHOICE }

  /**
   * One section of the rules file.
   *
   * @param setting the section's name in the rules file
   * @param alertRules the alert rules ({@code Alert.rule}) it raises, none for a setting that raises none
   */
  public record Entry(String setting, String nameZh, List<String> alertRules, Basis basis, String source) { }

  static final String CHOICE = "choice: the product's default (产品默认值,非法规规定;由本局确认或修改)";
  static final String LAW_78 = "《中华人民共和国安全生产法》(2021年修正)第七十八条";
  static final String MEASURES_2023 = "《安全生产严重失信主体名单管理办法》(应急管理部令第11号,2023年10月1日施行)";

  public static final List<Entry> ENTRIES = List.of(
      new Entry("holdTime", "预警等级保持时间", List.of(), Basis.CHOICE, CHOICE
          + ": an alert keeps its level 15 minutes before it may be lowered or resolved"),
      new Entry("majorHazard", "重大事故隐患", List.of("major-hazard"), Basis.CHOICE, CHOICE
          + ": the alert's colours (ORANGE, RED by risk grade, sector, zone or weather). Whether a hazard is major is the"
          + " national 重大事故隐患判定标准's (rule: the clause the hazard cites, GET /api/v1/hazard-criteria)"),
      new Entry("overdueRectification", "整改逾期", List.of("overdue-rectification"), Basis.CHOICE, CHOICE
          + ": the steps after the deadline (BLUE at once, YELLOW after 3 days, ORANGE after 7, majors one level higher);"
          + " the deadline itself is the one set in the rectification order"),
      new Entry("surge", "隐患激增", List.of("surge"), Basis.CHOICE, CHOICE
          + ": at least 5 in 24 h and 3 × the trailing 7-day mean"),
      new Entry("repeatViolator", "屡查屡犯", List.of("repeat-violator"), Basis.CHOICE, CHOICE
          + ": 3 violations in 30 days; ORANGE after a suspension or closure"),
      new Entry("weatherEscalation", "恶劣天气+未整改隐患", List.of("weather-escalation"), Basis.CHOICE, CHOICE
          + ": warnings from YELLOW up, sectors marked weatherSensitive. The warning's colour is the weather service's"),
      new Entry("keyEnterprise", "挂钩督导企业新增隐患", List.of("key-enterprise"), Basis.CHOICE, CHOICE
          + ": YELLOW, hazards reported in the last 3 days"),
      new Entry("selfInspectionLapse", "企业自查自纠缺失", List.of("self-inspection-lapse"), Basis.CHOICE, CHOICE
          + ": no self-inspection for 30 days"),
      new Entry("selfReportGap", "自查自纠占比偏低", List.of("self-report-gap"), Basis.CHOICE, CHOICE
          + ": at least 10 hazards in 30 days, more than 60 % of them found by inspections"),
      new Entry("accidents", "生产安全事故", List.of("accident", "accident-sector-warning"), Basis.CHOICE, CHOICE
          + ": the alert's colour per grade and its 7-day hold, the sector warning. The grade is the law's: rule:"
          + " 《生产安全事故报告和调查处理条例》(国务院令第493号)第三条"),
      new Entry("accidents.lateReportLevel", "事故迟报 / 疑似迟报",
          List.of("accident-late-report", "accident-suspected-late-report"), Basis.RULE,
          "rule: 《生产安全事故报告和调查处理条例》(国务院令第493号)第九条: 单位负责人接到报告后, 应当于1小时内向"
          + "事故发生地县级以上人民政府安全生产监督管理部门和负有安全生产监督管理职责的有关部门报告。 The hour counts"
          + " from headInformedAt (迟报); without it, more than 1 hour after the accident is only 疑似迟报, to be checked."
          + " The alert's colour (YELLOW) is the product's choice"),
      new Entry("majorHazardSupervision", "重大隐患未挂牌督办", List.of("major-unsupervised"), Basis.CHOICE, CHOICE
          + ": 7 days after the report without a supervision assignment, ORANGE"),
      new Entry("writeOffReview", "隐患核销审查逾期", List.of("write-off-review-overdue"), Basis.RULE,
          "rule: 《安全生产事故隐患排查治理暂行规定》(原国家安全监管总局令第16号): a major hazard is written off (核销)"
          + " by the department after its review, within 10 days of the enterprise's application; the enterprise's own"
          + " acceptance does not close it. The alert's colour (ORANGE) is the product's choice"),
      new Entry("certificateReview", "特种作业操作证复审", List.of("certificate-review"), Basis.RULE,
          "rule: 《特种作业人员安全技术培训考核管理规定》(原国家安全监管总局令第30号)第二十一条 (每3年复审1次)、第二十二条"
          + " (期满前60日内申请)、第二十六条第二款 (未按期复审的, 操作证失效). The colours (BLUE reminder, YELLOW"
          + " overdue) are the product's choice"),
      new Entry("alertHandling", "预警签收、反馈时限与逐级上报", List.of(), Basis.CHOICE, CHOICE
          + ": the escalation chain (township's linked leader → the sector's supervising department → the district's"
          + " 分管副区长) and every per-level time limit (RED 1 h / 24 h, ORANGE 2 h / 48 h, YELLOW 8 h / 72 h,"
          + " BLUE 24 h / 7 days); no regulation sets them"),
      new Entry("coverage", "检查覆盖不足", List.of("coverage-gap"), Basis.CHOICE, CHOICE
          + ": coverage below 60 % (minShare 0.6) of key-area enterprises in 90 days, judged from 3 key-area"
          + " enterprises (minKeyAreaEnterprises 3)"),
      new Entry("certificates", "三项岗位持证", List.of("certificate-noncompliant", "certificate-expiry"), Basis.CHOICE,
          CHOICE + ": which enterprises the non-compliance alert speaks of (the key-area flag) and the 30-day expiry"
          + " reminder. Who must hold the certificates is the law's (the sector list's keyPostCertificates column): rule:"
          + " 《安全生产法》第二十七条第二款 (主要负责人和安全生产管理人员考核合格, for the units it names);"
          + " 《特种作业人员安全技术培训考核管理规定》(原安监总局令第30号)第二十一、二十二条 (每3年复审, 期满前60日内申请)"),
      new Entry("enforcement", "行政处罚案件时限", List.of("case-decision-overdue", "major-hazard-without-case"), Basis.RULE,
          "rule: 《中华人民共和国行政处罚法》(2021年修订)第六十条: 行政机关应当自行政处罚案件立案之日起九十日内作出"
          + "行政处罚决定。法律、法规、规章另有规定的, 从其规定。 (decisionLimit, 90 days: a case neither decided, transferred"
          + " nor withdrawn by then counts in casesDecisionOverdue). caseWindow (15 days in which an open major hazard"
          + " should be answered by a case, else openMajorHazardsWithoutCase) and the alerts' colours (ORANGE, YELLOW)"
          + " are the product's choice"),
      new Entry("accountability", "考核:漏检", List.of(), Basis.CHOICE, CHOICE
          + ": the window (30 days) in which a hazard found by a flying inspection (飞行检查) or a public report (举报)"
          + " counts as missed (漏检) by every unit whose routine, linked-supervision or grid-patrol inspection of the"
          + " enterprise fell within it, and an accident there as accidentsAfterInspection; no regulation sets it"),
      new Entry("flying", "飞行检查:四不两直计划、交办、回头看", List.of(), Basis.CHOICE, CHOICE
          + ": the plan's weights, the 6 months in which a flying-inspected enterprise is not drawn again, the 90 days of"
          + " public reports it weighs and the 30 days in which a 回头看 is due; no regulation sets them"),
      new Entry("linkedSupervision", "挂钩督导频次", List.of(), Basis.CHOICE, CHOICE
          + ": 3 LINKED_SUPERVISION visits a quarter per linked leader until the district loads its own; no national rule"
          + " sets a number (searched; local 督导 schemes set their own)"),
      new Entry("reports", "举报办理时限", List.of(), Basis.RULE,
          "rule: verificationLimit 60 days — 安全生产举报奖励办法 (国家安全监管总局、财政部, 安监总财〔2012〕63号) 第十一条(六):"
          + " 受理举报的安全监管部门应当及时核查处理举报事项, 自受理之日起60日内办结; 情况复杂的, 经上一级安全监管部门批准,"
          + " 可以适当延长核查处理时间, 但延长期限不得超过30日 (the same 60 + 30 days in 山东省安监局's answer);"
          + " replyLimit 10 days — the same 办法 第十条(三): 在调查核实结束后10日内…应当采取适当方式向举报人反馈核查结果."
          + " The 2012 办法 was replaced by the 2018 安全生产领域举报奖励办法 (应急管理部、财政部), whose text was not found;"
          + " acceptanceLimit (15 days) is the product's choice: no text setting it was found (docs/research/reports-issue-23.md)"),
      new Entry("exposure", "曝光台", List.of(), Basis.CHOICE, CHOICE
          + ": the thresholds are the bureau's own (2 or more violations in the month, or a major hazard overdue now)."
          + " Naming in public rests on " + LAW_78 + " (违法行为信息库; 情节严重的及时向社会公告; 处罚决定后七个工作日内"
          + "公开曝光), which sets no count. " + MEASURES_2023 + " 第三条、第四条: 严重失信 needs an administrative"
          + " penalty and 性质恶劣、情节严重, listed by the department that imposed the penalty; this list is not that list"));

  public static Optional<Entry> of(String setting) {
    return ENTRIES.stream().filter(e -> e.setting().equals(setting)).findFirst();
  }
}
