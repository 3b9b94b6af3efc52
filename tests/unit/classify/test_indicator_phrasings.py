"""Indicator naming on realistic phrasings of the core figures (issue: held-out indicator accuracy).

Each sentence is written the way county reports of different provinces and years put these
figures (word order, synonyms, measure words, qualifiers, 其中 breakdowns, 分别 lists, Traditional
characters, full-width digits). The sentences were written from knowledge of the reports before
looking at how the classifier treats them, so the table is a probe of generalisation, not a replay
of the patterns. Each case runs the real extractor on the text and checks the fact whose surface
is given got the expected indicator code (None: no catalog indicator fits that figure).

The first batch (156 texts) was written blind; the patterns were then fixed on its failures. The
second batch was written blind after that, as a check that the fixes generalise (48 of its 55
figures passed first time). The last few are spot checks of common phrasings.

Left out on purpose: "矛调中心接待群众来访诉求1260件，化解1198件" (as much a petition figure as a
mediation one: no fair expected code).

A surface that occurs more than once in a text is written "surface#n" (n-th occurrence, from 1).
"""

from __future__ import annotations

import pytest

from ingest.classify.catalog import load_catalog
from ingest.extract.extractor import FactExtractor

REPORT_YEAR = 2023

# (text, [(surface, expected indicator code or None), ...])
PHRASINGS: list[tuple[str, list[tuple[str, str | None]]]] = [
    # ---------------------------------------------------------------- 行政复议
    ("2023年，全县共收到行政复议申请86件，依法受理79件，审结72件。",
     [("86件", "admin_reconsideration_cases_received"), ("79件", "admin_reconsideration_cases_accepted"),
      ("72件", "admin_reconsideration_cases_closed")]),
    ("区司法局新收行政复议案件42件，同比增长23.5%。",
     [("42件", "admin_reconsideration_cases_received"), ("23.5%", "admin_reconsideration_cases_change")]),
    ("全年办理行政复议案件127件（含上年结转9件），办结118件。",
     [("127件", "admin_reconsideration_cases_received"), ("9件", None),
      ("118件", "admin_reconsideration_cases_closed")]),
    ("县政府受理行政复议案件35件，已全部审结，结案率100%。",
     [("35件", "admin_reconsideration_cases_accepted"), ("100%", "admin_reconsideration_closure_rate")]),
    ("在审结的案件中，维持原行政行为21件，驳回复议申请6件，撤销4件，确认违法2件，责令履行1件，终止审理5件。",
     [("21件", "admin_reconsideration_decisions_upheld"), ("6件", "admin_reconsideration_applications_dismissed"),
      ("4件", "admin_reconsideration_decisions_revoked"), ("2件", "admin_reconsideration_decisions_confirmed_illegal"),
      ("1件", "admin_reconsideration_decisions_ordered_performance"),
      ("5件", "admin_reconsideration_cases_terminated")]),
    ("行政复议直接纠错率为16.7%，较上年提高3.2个百分点。",
     [("16.7%", "admin_reconsideration_correction_rate"), ("3.2个百分点", None)]),
    ("通过撤销、变更、确认违法等方式纠正违法或不当行政行为13件，纠错率达15.3%。",
     [("13件", "admin_reconsideration_cases_corrected"), ("15.3%", "admin_reconsideration_correction_rate")]),
    ("坚持把调解贯穿行政复议全过程，以调解、和解方式结案28件，调解和解率32.6%。",
     [("28件", "admin_reconsideration_mediated_settled"), ("32.6%", "admin_reconsideration_settlement_rate")]),
    ("经行政复议机构主持调解，申请人自愿撤回复议申请17件。",
     [("17件", "admin_reconsideration_mediated_settled")]),
    ("全年行政复议申请人撤回申请5件，不予受理3件。",
     [("5件", "admin_reconsideration_applications_withdrawn"), ("3件", "admin_reconsideration_cases_not_accepted")]),
    ("对不符合行政复议受理条件的4件申请依法作出不予受理决定。",
     [("4件", "admin_reconsideration_cases_not_accepted")]),
    ("截至12月底，尚有7件行政复议案件正在审理中。",
     [("7件", "admin_reconsideration_cases_pending")]),
    ("已审结行政复议案件61件，在审案件3件。",
     [("61件", "admin_reconsideration_cases_closed"), ("3件", "admin_reconsideration_cases_pending")]),
    ("以县政府为被申请人的行政复议案件11件，已审结9件，均维持原行政行为。",
     [("11件", "admin_reconsideration_respondent_cases"), ("9件", "admin_reconsideration_respondent_cases_closed")]),
    ("县政府作为被申请人参加行政复议12起，复议机关均予维持。",
     [("12起", "admin_reconsideration_respondent_cases")]),
    ("全年共收到行政复议申请123宗，受理112宗。",
     [("123宗", "admin_reconsideration_cases_received"), ("112宗", "admin_reconsideration_cases_accepted")]),
    ("全年共收到行政復議申請56件，受理行政復議案件51件，審結48件。",
     [("56件", "admin_reconsideration_cases_received"), ("51件", "admin_reconsideration_cases_accepted"),
      ("48件", "admin_reconsideration_cases_closed")]),
    ("受理行政复议案件３８件，办结３５件。",
     [("３８件", "admin_reconsideration_cases_accepted"), ("３５件", "admin_reconsideration_cases_closed")]),
    ("涉企行政复议案件19件，占行政复议案件总数的15.4%。",
     [("19件", "admin_reconsideration_enterprise_cases"), ("15.4%", None)]),
    ("办理涉企行政复议案件24件，审结22件，调解化解涉企行政争议8件。",
     [("24件", "admin_reconsideration_enterprise_cases"), ("22件", "admin_reconsideration_enterprise_cases_closed"),
      ("8件", "admin_reconsideration_enterprise_mediated_settled")]),
    ("全年行政复议案件收案数124件，结案数117件，结案率94.4%。",
     [("124件", "admin_reconsideration_cases_received"), ("117件", "admin_reconsideration_cases_closed"),
      ("94.4%", "admin_reconsideration_closure_rate")]),
    ("行政复议纠错案件10件，其中撤销6件、变更1件、确认违法3件。",
     [("10件", "admin_reconsideration_cases_corrected"), ("6件", "admin_reconsideration_decisions_revoked"),
      ("1件", "admin_reconsideration_decisions_altered"), ("3件", "admin_reconsideration_decisions_confirmed_illegal")]),
    ("县行政复议局共收到复议申请215件，其中受理198件，不予受理11件。",
     [("215件", "admin_reconsideration_cases_received"), ("198件", "admin_reconsideration_cases_accepted"),
      ("11件", "admin_reconsideration_cases_not_accepted")]),
    ("行政复议决定作出后，被申请人均已按期履行，履行率100%。",
     [("100%", None)]),
    ("全年召开行政复议委员会案审会6次，听证审理案件14件。",
     [("6次", None), ("14件", None)]),
    ("区政府行政复议机构共审结复议案件89件，平均审理期限缩短至38天。",
     [("89件", "admin_reconsideration_cases_closed"), ("38天", None)]),
    ("共办结行政复议案件156件，综合纠错率12.8%，调撤率25.6%。",
     [("156件", "admin_reconsideration_cases_closed"), ("12.8%", "admin_reconsideration_correction_rate"),
      ("25.6%", "admin_reconsideration_settlement_rate")]),
    ("行政复议决定变更原行政行为2件，驳回复议请求4件。",
     [("2件", "admin_reconsideration_decisions_altered"), ("4件", "admin_reconsideration_claims_dismissed")]),  # issue 15
    ("审结的行政复议案件中，维持17件，驳回8件，确认违法1件，终止9件。",
     [("17件", "admin_reconsideration_decisions_upheld"), ("8件", "admin_reconsideration_applications_dismissed"),
      ("1件", "admin_reconsideration_decisions_confirmed_illegal"), ("9件", "admin_reconsideration_cases_terminated")]),
    ("（二）发挥行政复议化解行政争议主渠道作用\n全年接收复议申请47件，依法立案受理41件。",
     [("47件", "admin_reconsideration_cases_received"), ("41件", "admin_reconsideration_cases_accepted")]),
    ("县人民政府行政复议办公室全年共收案63件，结案58件。",
     [("63件", "admin_reconsideration_cases_received"), ("58件", "admin_reconsideration_cases_closed")]),
    ("全年收到、受理、审结行政复议案件分别为58件、52件、49件。",
     [("58件", "admin_reconsideration_cases_received"), ("52件", "admin_reconsideration_cases_accepted"),
      ("49件", "admin_reconsideration_cases_closed")]),
    ("行政复议受理、审结分别为76、70件。",
     [("76", "admin_reconsideration_cases_accepted"), ("70件", "admin_reconsideration_cases_closed")]),
    ("全年受理行政复议申请超过200件，较上年增长三成。",
     [("超过200件", "admin_reconsideration_cases_accepted")]),
    ("共有15件行政复议案件通过调解和解方式结案。",
     [("15件", "admin_reconsideration_mediated_settled")]),
    ("复议机关作出纠错决定9件，直接纠错率11.4%。",
     [("9件", "admin_reconsideration_cases_corrected"), ("11.4%", "admin_reconsideration_correction_rate")]),
    ("行政复议案件办结率达98.6%，实质性化解行政争议31件。",
     [("98.6%", "admin_reconsideration_closure_rate"), ("31件", "admin_reconsideration_mediated_settled")]),
    ("2023年新收行政复议案件143件，同比上升41.6%，案件数量首次超过行政诉讼一审案件。",
     [("143件", "admin_reconsideration_cases_received"), ("41.6%", "admin_reconsideration_cases_change")]),
    ("行政复议工作：全年受理案件57件，审结52件，其中维持34件、驳回9件、终止7件、撤销2件。",
     [("57件", "admin_reconsideration_cases_accepted"), ("52件", "admin_reconsideration_cases_closed"),
      ("34件", "admin_reconsideration_decisions_upheld"), ("9件", "admin_reconsideration_applications_dismissed"),
      ("7件", "admin_reconsideration_cases_terminated"), ("2件", "admin_reconsideration_decisions_revoked")]),
    ("全年召开行政复议听证会三次。",
     [("三次", None)]),
    # ---------------------------------------------------------------- 行政应诉
    ("全年共发生行政诉讼案件68件，其中一审案件52件，二审案件16件。",
     [("68件", "admin_litigation_cases"), ("52件", "admin_litigation_first_instance_cases"),
      ("16件", "admin_litigation_second_instance_cases")]),
    ("县政府及各部门作为被告的行政应诉案件共47起，审结39起，败诉3起，败诉率7.7%。",
     [("47起", "admin_litigation_cases"), ("39起", "admin_litigation_cases_closed"),
      ("3起", "admin_litigation_cases_lost"), ("7.7%", "admin_litigation_loss_rate")]),
    ("严格落实行政机关负责人出庭应诉制度，负责人出庭应诉率达100%。",
     [("100%", "admin_litigation_head_appearance_rate")]),
    ("全年行政机关负责人出庭应诉56人次。",
     [("56人次", "admin_litigation_head_appearances")]),
    ("全区新收一审行政诉讼案件85件，审结78件，行政机关胜诉71件，胜诉率91.0%。",
     [("85件", "admin_litigation_first_instance_cases"), ("78件", "admin_litigation_cases_closed"),
      ("71件", "admin_litigation_cases_won"), ("91.0%", "admin_litigation_win_rate")]),
    ("行政诉讼案件败诉率为4.5%，低于全市平均水平。",
     [("4.5%", "admin_litigation_loss_rate")]),
    ("办理行政应诉案件32件，较上年减少6件。",
     [("32件", "admin_litigation_cases")]),
    ("行政诉讼案件收案数同比下降18.2%。",
     [("18.2%", "admin_litigation_cases_change")]),
    ("通过协调化解行政诉讼案件9件，行政诉讼调撤率21.4%。",
     [("9件", "admin_litigation_mediated_withdrawn"), ("21.4%", "admin_litigation_mediation_withdrawal_rate")]),
    ("县人民法院共审结涉及我县行政机关的行政案件41件，判决行政机关败诉2件。",
     [("41件", "admin_litigation_cases_closed"), ("2件", "admin_litigation_cases_lost")]),
    ("行政首长出庭应诉23次，出庭率100%。",
     [("23次", "admin_litigation_head_appearances"), ("100%", "admin_litigation_head_appearance_rate")]),
    ("全年应诉行政诉讼案件29宗，已结案25宗，其中胜诉23宗、败诉2宗。",
     [("29宗", "admin_litigation_cases"), ("25宗", "admin_litigation_cases_closed"),
      ("23宗", "admin_litigation_cases_won"), ("2宗", "admin_litigation_cases_lost")]),
    ("全年行政訴訟案件敗訴率為3.2%，行政機關負責人出庭應訴率達到98.5%。",
     [("3.2%", "admin_litigation_loss_rate"), ("98.5%", "admin_litigation_head_appearance_rate")]),
    ("二审行政案件11件，均维持一审判决。",
     [("11件", "admin_litigation_second_instance_cases")]),
    ("全县行政应诉案件胜诉率为93.3%，比上年提高5个百分点。",
     [("93.3%", "admin_litigation_win_rate"), ("5个百分点", None)]),
    ("行政机关负责人出庭应诉案件45件，出庭应诉率达到95.7%。",
     [("45件", "admin_litigation_head_appearances"), ("95.7%", "admin_litigation_head_appearance_rate")]),
    ("县政府本级行政诉讼案件12件，审结10件，无败诉案件。",
     [("12件", "admin_litigation_cases"), ("10件", "admin_litigation_cases_closed")]),
    ("行政诉讼案件败诉5件，败诉率较上年下降2.1个百分点。",
     [("5件", "admin_litigation_cases_lost"), ("2.1个百分点", "admin_litigation_loss_rate_change")]),
    ("全年全县行政机关参与行政诉讼案件137件（一审112件、二审25件）。",
     [("137件", "admin_litigation_cases"), ("112件", "admin_litigation_first_instance_cases"),
      ("25件", "admin_litigation_second_instance_cases")]),
    ("2023年，全区行政机关被诉案件76件，其中败诉案件4件。",
     [("76件", "admin_litigation_cases"), ("4件", "admin_litigation_cases_lost")]),
    ("行政诉讼案件行政机关败诉两件。",
     [("两件", "admin_litigation_cases_lost")]),
    ("全县一审行政案件收案58件，结案55件。",
     [("58件", "admin_litigation_first_instance_cases"), ("55件", "admin_litigation_cases_closed")]),
    ("行政机关负责人出庭应诉率达百分之九十五。",
     [("百分之九十五", "admin_litigation_head_appearance_rate")]),
    ("三、行政应诉工作\n全年办结行政应诉案件64件，胜诉率96.9%。",
     [("64件", "admin_litigation_cases_closed"), ("96.9%", "admin_litigation_win_rate")]),
    ("行政机关负责人出庭应诉、旁听庭审和讲评“三合一”活动2次，组织旁听人员260人次。",
     [("2次", "court_hearing_observation_sessions"), ("260人次", "court_hearing_observers")]),
    ("收到人民法院司法建议2件、人民检察院检察建议5件，均按时回复。",
     [("2件", "judicial_recommendations_received"), ("5件", "judicial_recommendations_received")]),
    # ---------------------------------------------------------------- 行政执法
    ("全县现有行政执法人员1523名，其中持证执法人员1480名。",
     [("1523名", "enforcement_officers"), ("1480名", "enforcement_officers")]),
    ("组织行政执法人员资格考试2次，报名356人，实际参考330人，考试合格298人，合格率90.3%。",
     [("2次", "enforcement_exam_sessions"), ("356人", "enforcement_exam_registered"),
      ("330人", "enforcement_exam_sat"), ("298人", "enforcement_exam_passed"),
      ("90.3%", "enforcement_exam_pass_rate")]),
    ("参加行政执法资格考试的312人中，有289人通过考试，参考通过率92.6%。",
     [("312人", "enforcement_exam_sat"), ("289人", "enforcement_exam_passed"),
      ("92.6%", "enforcement_exam_pass_rate")]),
    ("新申领行政执法证件86个，换发执法证件213个。",
     [("86个", "enforcement_certificates_issued"), ("213个", "enforcement_certificates_issued")]),
    ("为235名新增执法人员申领行政执法证。",
     [("235名", "enforcement_certificates_issued")]),
    ("开展行政执法案卷评查2次，共评查案卷356卷，评出优秀案卷45卷。",
     [("2次", "enforcement_case_file_review_rounds"), ("356卷", "enforcement_case_files_reviewed"),
      ("45卷", "quality_review_rated_excellent")]),
    ("抽查各执法单位行政处罚、行政许可案卷120份，发现问题38个，已全部整改。",
     [("120份", "enforcement_case_files_reviewed"), ("38个", "problems_rectified")]),
    ("对轻微违法行为依法不予处罚136件、减轻处罚58件。",
     [("136件", "lenient_penalty_cases"), ("58件", "lenient_penalty_cases")]),
    ("全年办理免罚轻罚案件1268件，为市场主体减免罚款186.5万元。",
     [("1268件", "lenient_penalty_cases"), ("186.5万元", "lenient_penalty_amount")]),
    ("推行“首违不罚”清单，全年适用首违不罚案件92起。",
     [("92起", "lenient_penalty_cases")]),
    ("开展涉企行政检查1265次，同比下降32%。",
     [("1265次", "enterprise_inspections"), ("32%", None)]),
    ("实施“综合查一次”联合执法检查46次。",
     [("46次", "enterprise_inspections")]),
    ("全年入企检查486家次，较上年减少三成。",
     [("486家次", "enterprise_inspections")]),
    ("全县各行政执法单位共办理行政处罚案件3562件，罚没款1268.3万元。",
     [("3562件", "admin_penalty_cases"), ("1268.3万元", "admin_penalty_amount")]),
    ("开展行政执法人员培训12期，培训执法人员1800余人次。",
     [("12期", "enforcement_training_sessions"), ("1800余人次", "enforcement_training_participants")]),
    ("全县共有行政执法主体58个。",
     [("58个", "enforcement_agencies")]),
    ("組織行政執法資格考試，參考人員286人，合格262人，合格率91.6%。",
     [("286人", "enforcement_exam_sat"), ("262人", "enforcement_exam_passed"),
      ("91.6%", "enforcement_exam_pass_rate")]),
    ("全县共有执法人员2100余名，均参加了年度公共法律知识培训。",
     [("2100余名", "enforcement_officers")]),
    ("本年度共有426人报名参加全省行政执法资格考试，397人参加考试，合格353人，参考合格率88.9%。",
     [("426人", "enforcement_exam_registered"), ("397人", "enforcement_exam_sat"),
      ("353人", "enforcement_exam_passed"), ("88.9%", "enforcement_exam_pass_rate")]),
    ("共评查行政执法案卷1,260件，案卷优秀率38.5%。",
     [("1,260件", "enforcement_case_files_reviewed"), ("38.5%", "quality_review_excellent_rate")]),
    ("全年开展“双随机、一公开”抽查326次。",
     [("326次", "random_inspections")]),
    ("行政执法证件持证率达到98%。",
     [("98%", None)]),
    ("全年包容审慎监管“免罚清单”适用案件311件，涉及金额95万元。",
     [("311件", "lenient_penalty_cases"), ("95万元", "lenient_penalty_amount")]),
    ("执法资格考试合格人员中，尚有41人待发证。",
     [("41人", "enforcement_certificates_pending")]),
    ("行政执法人员资格考试报名人数612人，参考人数587人，通过人数540人。",
     [("612人", "enforcement_exam_registered"), ("587人", "enforcement_exam_sat"),
      ("540人", "enforcement_exam_passed")]),
    ("全县在岗行政执法人员共９６５人。",
     [("９６５人", "enforcement_officers")]),
    # ---------------------------------------------------------------- 矛盾纠纷
    ("全县各级人民调解组织共排查化解矛盾纠纷3256件，调解成功3198件，调解成功率98.2%。",
     [("3256件", "mediation_cases"), ("3198件", "mediation_successes"), ("98.2%", "mediation_success_rate")]),
    ("全年共调处各类矛盾纠纷1862起，成功1835起，成功率98.5%。",
     [("1862起", "mediation_cases"), ("1835起", "mediation_successes"), ("98.5%", "mediation_success_rate")]),
    ("全县建立人民调解委员会286个，配备人民调解员1520名。",
     [("286个", "mediation_organizations"), ("1520名", "mediators")]),
    ("诉前调解案件2430件，调解成功1125件，诉前调解成功率46.3%。",
     [("2430件", "pre_litigation_mediation_cases"), ("1125件", "pre_litigation_mediation_successes"),
      ("46.3%", "pre_litigation_mediation_success_rate")]),
    ("通过“诉调对接”机制委派诉前调解案件860件，成功化解512件。",
     [("860件", "pre_litigation_mediation_cases"), ("512件", "pre_litigation_mediation_successes")]),
    ("全年受理信访事项856件，按期办结率100%。",
     [("856件", "petition_cases"), ("100%", "petition_resolution_rate")]),
    ("开展信访积案化解攻坚，化解信访积案42件。",
     [("42件", "petition_cases_resolved")]),
    ("排查矛盾纠纷1568件，成功调解1532件，调解成功率97.7%。",
     [("1568件", "mediation_cases"), ("1532件", "mediation_successes"), ("97.7%", "mediation_success_rate")]),
    ("全年人民调解组织受理纠纷4123件，调解成功4087件。",
     [("4123件", "mediation_cases"), ("4087件", "mediation_successes")]),
    ("医疗纠纷人民调解委员会调处医患纠纷63件，涉及金额586万元。",
     [("63件", "mediation_cases"), ("586万元", "mediation_amount_involved")]),
    ("新成立专业性、行业性人民调解组织12个。",
     [("12个", "mediation_organizations")]),
    ("全县共有专兼职人民调解员2300余名。",
     [("2300余名", "mediators")]),
    ("调解各类矛盾纠纷5620件，涉案金额1.2亿元。",
     [("5620件", "mediation_cases"), ("1.2亿元", "mediation_amount_involved")]),
    ("全年共調解矛盾糾紛1,235件，調解成功率達99.1%。",
     [("1,235件", "mediation_cases"), ("99.1%", "mediation_success_rate")]),
    ("组织开展矛盾纠纷集中排查12次。",
     [("12次", "dispute_screenings")]),
    ("成功调处重大疑难复杂纠纷48件。",
     [("48件", "mediation_complex_cases")]),
    ("全年诉前调解成功率达到52.8%。",
     [("52.8%", "pre_litigation_mediation_success_rate")]),
    ("全县信访总量同比下降21.3%。",
     [("21.3%", "petition_cases_change")]),
    ("全县信访事项化解率为96.5%。",
     [("96.5%", "petition_resolution_rate")]),
    ("召开矛盾纠纷分析研判会议4次。",
     [("4次", None)]),
    ("防止矛盾纠纷激化转化为刑事案件12件。",
     [("12件", "disputes_prevented")]),
    ("全县人民调解组织共调解纠纷2,867件，调解成功2,841件，成功率99.09%。",
     [("2,867件", "mediation_cases"), ("2,841件", "mediation_successes"), ("99.09%", "mediation_success_rate")]),
    ("全年共受理群众信访件1,028件次，办结1,011件。",
     [("1,011件", "petition_cases_resolved")]),
    ("法院诉前分流案件1536件，调解成功687件。",
     [("1536件", "pre_litigation_mediation_cases"), ("687件", "pre_litigation_mediation_successes")]),
    ("人民调解委员会调解纠纷500余件，调解成功率100%。",
     [("500余件", "mediation_cases"), ("100%", "mediation_success_rate")]),
    ("（五）多元化解矛盾纠纷\n全年调解矛盾纠纷1357件，成功率98.9%。",
     [("1357件", "mediation_cases"), ("98.9%", "mediation_success_rate")]),
    # ---------------------------------------------------------------- 法律援助、法律服务
    ("全年共办理法律援助案件1286件，受援人数1420人，为受援人挽回经济损失2360万元。",
     [("1286件", "legal_aid_cases"), ("1420人", "legal_aid_beneficiaries"),
      ("2360万元", "legal_aid_amount_recovered")]),
    ("县法律援助中心受理法援案件562件，其中刑事案件238件，民事案件318件，行政案件6件。",
     [("562件", "legal_aid_cases"), ("238件", "legal_aid_criminal_cases"), ("318件", "legal_aid_civil_cases"),
      ("6件", "legal_aid_civil_cases")]),
    ("公共法律服务中心提供法律咨询8600余人次。",
     [("8600余人次", "legal_consultations")]),
    ("12348公共法律服务热线接听群众来电3200余次。",
     [("3200余次", "hotline_calls")]),
    ("全年办理公证事项2135件。",
     [("2135件", "notarization_cases")]),
    ("县公证处共办理各类公证1,862件，其中涉外公证326件。",
     [("1,862件", "notarization_cases"), ("326件", "notarization_foreign_related")]),
    ("值班律师提供法律帮助案件436件。",
     [("436件", "legal_aid_help_cases")]),
    ("法律援助案件回访满意率达99%。",
     [("99%", "legal_aid_satisfaction_rate")]),
    ("全年受理法律援助申请1058件，指派律师办理刑事法律援助案件412件。",
     [("1058件", "legal_aid_cases"), ("412件", "legal_aid_criminal_cases")]),
    ("公共法律服务中心全年接待群众来访咨询1.2万人次。",
     [("1.2万人次", "legal_consultations")]),
    ("全年辦理法律援助案件856件，解答法律諮詢5,320人次。",
     [("856件", "legal_aid_cases"), ("5,320人次", "legal_consultations")]),
    ("办理法律援助案件５６８件。",
     [("５６８件", "legal_aid_cases")]),
    # issue 14: person-times are not people; legal_aid_beneficiaries (人) does not take 人次
    ("法律援助受援群众达1560人次。",
     [("1560人次", None)]),
    ("全县共有村（社区）法律顾问226名，覆盖率100%。",
     [("226名", "village_legal_advisers"), ("100%", None)]),
    ("为群众代写法律文书320份。",
     [("320份", "legal_documents_drafted")]),
    ("为困难群众减免公证费用12.6万元。",
     [("12.6万元", None)]),
    ("法律援助案件数量同比增长18.6%。",
     [("18.6%", "legal_aid_cases_change")]),
    ("受理刑事法律援助案件265件，民事法律援助案件431件。",
     [("265件", "legal_aid_criminal_cases"), ("431件", "legal_aid_civil_cases")]),
    ("全县律师全年共代理各类诉讼案件2100件。",
     [("2100件", None)]),
    ("法援中心全年共受理案件734件，接待来电来访咨询3600人次。",
     [("734件", "legal_aid_cases"), ("3600人次", "legal_consultations")]),
    ("为农民工提供讨薪法律援助156件，追回欠薪862万元。",
     [("156件", "migrant_wage_cases"), ("862万元", "migrant_wage_amount")]),
    ("全年法律援助中心共办结各类案件690件，惠及群众800余人。",
     [("690件", "legal_aid_cases"), ("800余人", "legal_aid_beneficiaries")]),
    ("（六）优化公共法律服务\n全年办理法律援助案件612件，其中民事案件402件、刑事案件210件。",
     [("612件", "legal_aid_cases"), ("402件", "legal_aid_civil_cases"), ("210件", "legal_aid_criminal_cases")]),
    ("公证处全年办证3,460件。",
     [("3,460件", "notarization_cases")]),
    ("全年为群众提供法律咨询服务5,600余次。",
     [("5,600余次", "legal_consultations")]),
    # ---------------------------------------------------------------- 政务公开
    ("全年通过政府门户网站主动公开政府信息5623条。",
     [("5623条", "proactive_disclosures")]),
    ("主动公开各类政府信息1.2万余条。",
     [("1.2万余条", "proactive_disclosures")]),
    ("收到政府信息公开申请46件，均在法定期限内答复，按时答复率100%。",
     [("46件", "disclosure_requests_received"), ("100%", "disclosure_timeliness_rate")]),
    ("受理依申请公开事项38件，已全部办结。",
     [("38件", "disclosure_requests_received")]),
    ("全年办理依申请公开32件，按期答复率100%。",
     [("32件", "disclosure_requests_received"), ("100%", "disclosure_timeliness_rate")]),
    ("依法办结政府信息公开申请52件。",
     [("52件", "disclosure_requests_answered")]),
    ("依申请公开政府信息申请数量同比下降12%。",
     [("12%", None)]),
    ("全年主動公開政府信息3,268條，受理依申請公開24件。",
     [("3,268條", "proactive_disclosures"), ("24件", "disclosure_requests_received")]),
    ("本年度新收政府信息公开申请89件，上年结转3件，办结90件。",
     [("89件", "disclosure_requests_received"), ("3件", None), ("90件", "disclosure_requests_answered")]),
    ("在县政府网站及政务新媒体发布政府信息2815条。",
     [("2815条", "proactive_disclosures")]),
    ("全年共答复依申请公开事项41件，无因政府信息公开被复议纠错或诉讼败诉情况。",
     [("41件", "disclosure_requests_answered")]),
    ("（七）深化政务公开\n全年公开政府信息4,132条，办理群众依申请公开57件。",
     [("4,132条", "proactive_disclosures"), ("57件", "disclosure_requests_received")]),
    # ---------------------------------------------------------------- second batch (written after the
    # first batch passed, before looking at how it fared: a check that the pattern changes generalise)
    ("（一）行政复议工作\n全年共收到申请93件，受理87件，审结81件，其中维持52件，驳回11件，撤销5件，确认违法3件，调解和解10件。",
     [("93件", "admin_reconsideration_cases_received"), ("87件", "admin_reconsideration_cases_accepted"),
      ("81件", "admin_reconsideration_cases_closed"), ("52件", "admin_reconsideration_decisions_upheld"),
      ("11件", "admin_reconsideration_applications_dismissed"), ("5件", "admin_reconsideration_decisions_revoked"),
      ("3件", "admin_reconsideration_decisions_confirmed_illegal"), ("10件", "admin_reconsideration_mediated_settled")]),
    ("2023年，我县行政复议案件新收67件，审结63件，综合纠错率14.3%。",
     [("67件", "admin_reconsideration_cases_received"), ("63件", "admin_reconsideration_cases_closed"),
      ("14.3%", "admin_reconsideration_correction_rate")]),
    ("县政府行政复议案件收案量同比增长35.2%，其中涉企案件12件。",
     [("35.2%", "admin_reconsideration_cases_change"), ("12件", "admin_reconsideration_enterprise_cases")]),
    ("县复议机关全年作出行政复议决定54件。",
     [("54件", "admin_reconsideration_cases_closed")]),
    ("县政府被申请行政复议案件5件，均获维持。",
     [("5件", "admin_reconsideration_respondent_cases")]),
    ("行政复议案件实质性化解率达41.2%。",
     [("41.2%", "admin_reconsideration_settlement_rate")]),
    ("收到上级行政机关转送的行政复议申请8件。",
     [("8件", "admin_reconsideration_cases_received")]),
    ("全年办理行政復議案件１２３件。",
     [("１２３件", "admin_reconsideration_cases_received")]),
    ("审结行政复议案件数同比增长20.4%。",
     [("20.4%", None)]),
    ("（二）行政应诉工作\n全年共有行政诉讼案件89件，已审结73件，胜诉65件，败诉8件，败诉率10.96%。",
     [("89件", "admin_litigation_cases"), ("73件", "admin_litigation_cases_closed"),
      ("65件", "admin_litigation_cases_won"), ("8件", "admin_litigation_cases_lost"),
      ("10.96%", "admin_litigation_loss_rate")]),
    ("行政机关负责人出庭应诉率连续三年保持100%。",
     [("三年", "consecutive_years"), ("100%", "admin_litigation_head_appearance_rate")]),
    ("全县行政诉讼案件数量较上年下降15.6%。",
     [("15.6%", "admin_litigation_cases_change")]),
    ("全年行政案件应诉44件，行政机关负责人出庭应诉44件次。",
     [("44件", "admin_litigation_cases"), ("44件次", "admin_litigation_head_appearances")]),
    ("以县政府为被告的一审行政诉讼案件23件。",
     [("23件", "admin_litigation_first_instance_cases")]),
    ("全县取得行政执法证的人员1368名。",
     [("1368名", "enforcement_officers")]),
    ("开展执法人员资格考试1次，共有243人参加，合格率89.7%。",
     [("1次", "enforcement_exam_sessions"), ("243人", "enforcement_exam_sat"), ("89.7%", "enforcement_exam_pass_rate")]),
    ("全年各执法部门实施涉企检查8,125次。",
     [("8,125次", "enterprise_inspections")]),
    ("评查行政处罚案卷280卷，案卷合格率96.4%。",
     [("280卷", "enforcement_case_files_reviewed"), ("96.4%", None)]),
    ("适用轻微违法行为免罚清单办理案件417件。",
     [("417件", "lenient_penalty_cases")]),
    ("全县排查各类矛盾纠纷4,265起，调处成功4,198起，调处成功率98.4%。",
     [("4,265起", "mediation_cases"), ("4,198起", "mediation_successes"), ("98.4%", "mediation_success_rate")]),
    ("县、乡、村三级调解组织共调解纠纷1,680件。",
     [("1,680件", "mediation_cases")]),
    ("全年共受理人民调解案件2365件，调解成功率99.2%。",
     [("2365件", "mediation_cases"), ("99.2%", "mediation_success_rate")]),
    ("受理群众来信来访315件次，办结率100%。",
     [("315件次", "petition_cases"), ("100%", "petition_resolution_rate")]),
    ("调解成功率较上年提高1.2个百分点。",
     [("1.2个百分点", None)]),
    ("法律援助中心全年共受理各类法律援助案件1,032件，同比增长12.5%，为受援人挽回经济损失1,560余万元。",
     [("1,032件", "legal_aid_cases"), ("12.5%", "legal_aid_cases_change"), ("1,560余万元", "legal_aid_amount_recovered")]),
    ("全年共提供法律咨询服务2.3万人次。",
     [("2.3万人次", "legal_consultations")]),
    ("县公证处办理公证业务1,326件。",
     [("1,326件", "notarization_cases")]),
    ("刑事法律援助案件占比达46.8%。",
     [("46.8%", None)]),
    ("法律援助案件满意度达100%。",
     [("100%", "legal_aid_satisfaction_rate")]),
    ("收到依申请公开申请28件，已全部按期答复。",
     [("28件", "disclosure_requests_received")]),
    ("政府信息公开申请答复率100%。",
     [("100%", "disclosure_timeliness_rate")]),
    ("全年主动公开政府信息2.8万条。",
     [("2.8万条", "proactive_disclosures")]),
    # ---------------------------------------------------------------- spot checks of common phrasings
    ("全年共办理行政复议案件96件，其中新收88件，上年结转8件。",
     [("96件", "admin_reconsideration_cases_received"), ("88件", "admin_reconsideration_cases_received"), ("8件", None)]),
    ("全年共办结行政复议案件38件，其中作出维持决定20件、驳回决定6件、撤销决定3件。",
     [("38件", "admin_reconsideration_cases_closed"), ("20件", "admin_reconsideration_decisions_upheld"),
      ("6件", "admin_reconsideration_applications_dismissed"), ("3件", "admin_reconsideration_decisions_revoked")]),
    ("2023年县政府共发生行政应诉案件21件，一审判决败诉1件。",
     [("21件", "admin_litigation_cases"), ("1件", "admin_litigation_cases_lost")]),
    ("为1200名困难群众提供法律援助。",
     [("1200名", "legal_aid_beneficiaries")]),
    ("全县1200余名执法人员参加执法资格考试，合格1100余人。",
     [("1200余名", "enforcement_exam_sat"), ("1100余人", "enforcement_exam_passed")]),
    ("人民调解组织共调解各类矛盾纠纷2,356件，调解成功率达98%以上。",
     [("2,356件", "mediation_cases"), ("98%以上", "mediation_success_rate")]),
    ("全县共登记信访事项1,312件，化解1,280件。",
     [("1,312件", "petition_cases"), ("1,280件", "petition_cases_resolved")]),
]

CASES = [(text, surface, code) for text, figures in PHRASINGS for surface, code in figures]

_EXTRACTOR = FactExtractor()


def _case_id(case: tuple[str, str, str | None]) -> str:
    text, surface, _ = case
    return f"{text.splitlines()[-1][:18]}|{surface}"


def test_table_size_and_codes():
    assert len(PHRASINGS) >= 120
    catalog = load_catalog()
    unknown = sorted({code for _, _, code in CASES if code is not None and code not in catalog.indicators})
    assert not unknown, unknown


def _fact(text: str, surface: str):
    name, _, nth = surface.partition("#")
    facts = [f for f in _EXTRACTOR.extract(text, "phrasing", REPORT_YEAR) if f.surface == name]
    index = int(nth) - 1 if nth else 0
    assert len(facts) > index, (surface, [f.surface for f in _EXTRACTOR.extract(text, "phrasing", REPORT_YEAR)])
    return facts[index]


@pytest.mark.parametrize("text,surface,code", CASES, ids=[_case_id(c) for c in CASES])
def test_indicator_of_phrasing(text: str, surface: str, code: str | None):
    fact = _fact(text, surface)
    assert fact.indicator == code, (surface, fact.indicator, code, text)


@pytest.mark.parametrize("body,surface", [("组织收看开幕会直播，集中学习6场。", "6场"),
                                          ("开展理论学习中心组专题研讨交流2场。", "2场"),
                                          ("共计开展各类专题研讨会及学习会60余场次。", "60余场次")])
def test_only_the_nearest_heading_makes_a_study_count_a_law_count(body: str, surface: str):
    # the law word in the grandparent heading is not this count's topic; in its own heading it is
    law_above = _fact("一、深入推进法治政府建设\n（一）加强理论武装\n" + body + "\n", surface)
    assert law_above.indicator is None, law_above.code_reason
    law_here = _fact("一、加强理论武装\n（一）深入推进法治政府建设\n" + body + "\n", surface)
    assert law_here.indicator == "law_study_sessions"


def test_a_heading_that_names_no_subject_reads_its_parent():
    # "（一）基本情况" says nothing of what is counted: the parent heading does; a heading of its own does not
    # lend its parent's subject
    body = "受理1033件，其中，决定维持435件。\n"
    generic = "一、行政复议案件情况\n（一）基本情况\n" + body
    assert _fact(generic, "1033件").indicator == "admin_reconsideration_cases_accepted"
    assert _fact(generic, "435件").indicator == "admin_reconsideration_decisions_upheld"
    own = "一、行政复议案件情况\n（一）服务企业发展大局\n" + body
    assert _fact(own, "1033件").indicator is None


def test_an_average_per_day_or_month_is_not_the_years_count():
    text = "区政务服务中心全年受理业务88万件，日均办件量超过2000件，“一件事”月均办件量达到1500件。"
    assert _fact(text, "88万件").indicator == "admin_licensing_applications"
    for surface in ("超过2000件", "1500件"):
        fact = _fact(text, surface)
        assert fact.indicator is None and "average" in fact.code_reason, (surface, fact.code_reason)


# "召开专题会议2次，研究部署法治建设…": the rows with a purpose read the clause after the figure's own
PURPOSE_CASES = [
    ("全年召开党委会议4次，专题研究部署法治建设重点工作。", "4次", "leadership_law_meetings"),
    ("先后召开12次局党组会、局长办公会，研究审议依法行政重大问题。", "12次", "leadership_law_meetings"),
    ("全年召开党委会议4次，研究决定“三重一大”事项35项。", "4次", None),
    ("全年召开党委会议4次；研究部署法治建设重点工作。", "4次", None),  # a semicolon ends what the meetings did
    ("召开党组会议6次，专题学习宪法、行政复议法等法律法规。", "6次", "law_study_sessions"),
    ("先后召开4次党委会、8次党政联席会，研判分析法治政府建设情况。", "8次", "leadership_law_meetings"),
    ("召开党组会议4次，认真研究部署法治建设工作。", "4次", "leadership_law_meetings"),
    # not what a leadership meeting was for, or not a leadership meeting
    ("全年召开党委会议4次：研究“三重一大”事项，部署法治建设工作。", "4次", None),
    ("召开党委会议12次、研究重大事项56项，部署推进法治建设各项工作。", "12次", None),
    ("召开常务会议30次，学习法律法规12次。", "30次", None),
    ("组织召开听证会3场，听取群众对依法行政工作的意见建议。", "3场", None),
    ("召开村民代表大会15次，研究解决涉法问题。", "15次", None),
    ("召开动员会3次，部署普法宣传和依法治理工作。", "3次", None),
    ("召开党组会议24次，研究部署疫情防控、安全生产、法治建设等重大事项。", "24次", None),
    ("召开支委会12次，学习党章党规及相关条例。", "12次", None),
    ("召开党组会议6次，专题学习《中国共产党纪律处分条例》。", "6次", None),
]
# rows added from the 2026-12-02 batches, written after them as checks of what each says (and of a reviewer's
# counter-examples)
ROW_CASES = [
    ("全年党委书记讲党课3次。", "3次", "theory_lectures"),
    ("召开依法治区委及“一办四组”会议14次。", "14次", "rule_of_law_committee_meetings"),
    ("全镇执法证持有人数达58人。", "58人", "enforcement_officers"),
    ("由主要负责人参加行政诉讼开庭审理10件。", "10件", "admin_litigation_head_appearances"),
    ("组织主要负责人参加刑事案件庭审2次。", "2次", None),
    ("实现所有12个村（社区）法律顾问全覆盖。", "12个", "units_covered"),
    ("我街道有10个村（居）委会。", "10个", None),
    ("推进基层治理法治化，完成改革任务5项。", "5项", None),
    ("市法学会完成调研任务5项。", "5项", None),
    ("全年共办结公证投诉2件。", "2件", None),
    ("统一公开重点领域12个。", "12个", "openness_domains"),  # 统一 is not 双随机、一公开
    ("双随机、一公开领域5个。", "5个", "random_inspections"),
    # an executive meeting named in an earlier clause is not the one that studied
    ("推进各级政府常务会议学法常态化，全年市政府领导集中学法9次。", "9次", "law_study_sessions"),
    # 会前学法 by a list of bodies is pre-meeting study; an executive meeting studying a law named after 学习
    ("常委会、常务会、政府全体会等开展会前学法46次。", "46次", "pre_meeting_law_study_sessions"),
    ("特区政府常务会议学习习近平法治思想2次。", "2次", "executive_meeting_law_study_sessions"),
    # cases, problems and bodies cleared up are not documents cleaned up
    ("清理涉企“挂案”22件。", "22件", None),
    ("动态调整权责清单，清理34个区级部门5460项行政权力事项。", "34个", None),
    ("清理规范性文件34件。", "34件", "normative_documents_cleaned_up"),
    # a count per million people is not the year's count
    ("全市百万人受理办件量194100件。", "194100件", None),
    # a standing committee or an executive meeting is not a central study group
    ("今年以来，市委常委会、政府常务会议学习习近平法治思想4次。", "4次", "executive_meeting_law_study_sessions"),
    # 审查备案 is the filing review of documents, not a legality review
    ("审查备案行政规范性文件11件。", "11件", "normative_documents_filed"),
]


@pytest.mark.parametrize("text,surface,code", PURPOSE_CASES + ROW_CASES)
def test_purposes_and_the_rows_of_the_2026_12_02_batches(text: str, surface: str, code: str | None):
    fact = _fact(text, surface)
    assert fact.indicator == code, (fact.indicator, fact.code_reason)


def test_a_code_given_by_a_purpose_row_says_so():
    assert _fact("全年召开党委会议4次，专题研究部署法治建设重点工作。", "4次").code_reason == "rule purpose"
    assert _fact("全年办理法律援助案件12件。", "12件").code_reason == "rule"
