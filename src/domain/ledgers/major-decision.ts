import { defaultCalendar } from '../deadlines/calendar.ts';
import { checker, daysFrom } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

/** Minimums of 重大行政决策程序暂行条例 (第十五条 ≥30 日, 第二十五条 ≥7 个工作日). */
export const MAJOR_DECISION_MINIMUMS = { commentDays: 30, legalityReviewWorkingDays: 7 };

const FIVE_PROCEDURES = p.and(
  p.notNull('commentStartOn'),
  p.notNull('expertReviewOn'),
  p.notNull('riskAssessedOn'),
  p.notNull('legalityReviewDoneOn'),
  p.notNull('discussedOn'),
);

/** 重大行政决策台账: 年度目录, 五项法定程序 with dates and evidence, 决策, 归档, 后评估. */
export const majorDecision = defineLedger({
  key: 'majorDecision',
  title: '重大行政决策',
  domain: 'majorDecisions',
  keptBy: ['government', 'department', 'rule_of_law_office'],
  description:
    '年度重大行政决策事项目录及每项决策履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定程序的情况。',
  naturalKey: ['catalogueYear', 'title'],
  sortBy: 'cataloguedOn',
  fields: {
    catalogueYear: f.int('目录年度', { required: true, min: 2000, max: 2100, list: true, filter: true }),
    title: f.text('决策事项名称', { required: true, max: 200, list: true }),
    sponsor: f.text('承办单位', { required: true, max: 100, list: true, filter: true }),
    cataloguedOn: f.date('目录公布日期', { required: true, list: true }),
    status: f.dict('决策状态', 'majorDecision.status', { required: true, list: true, filter: true }),
    commentStartOn: f.date('公开征求意见开始日期'),
    commentEndOn: f.date('公开征求意见截止日期'),
    commentShortenedReason: f.text('征求意见期限缩短的说明', { max: 500 }),
    commentCount: f.int('收到意见（条）'),
    hearingHeld: f.bool('召开听证会'),
    participationEvidence: f.text('公众参与材料', { max: 300, help: '公告网址、意见采纳情况说明等' }),
    expertReviewOn: f.date('专家论证日期'),
    expertEvidence: f.text('专家论证材料', { max: 300 }),
    riskAssessedOn: f.date('风险评估日期'),
    riskLevel: f.dict('风险等级', 'majorDecision.riskLevel'),
    riskEvidence: f.text('风险评估材料', { max: 300 }),
    legalityReviewSentOn: f.date('送请合法性审查日期'),
    legalityReviewDoneOn: f.date('合法性审查完成日期'),
    legalityReviewShortReason: f.text('审查时间不足7个工作日的说明', { max: 500 }),
    legalityEvidence: f.text('合法性审查材料', { max: 300 }),
    discussedOn: f.date('集体讨论决定日期', { list: true }),
    meeting: f.text('决定会议', { max: 100, help: '如 县政府第12次常务会议' }),
    decidedOn: f.date('决策日期', { filter: true }),
    decisionPublishedOn: f.date('决策公布日期'),
    archivedOn: f.date('归档日期'),
    postEvaluatedOn: f.date('决策后评估日期'),
    postEvaluationResult: f.text('后评估结论', { max: 300 }),
    notes: f.longtext('备注', { max: 2000 }),
  },
  measures: {
    catalogued: m.count('列入目录事项数', 'cataloguedOn', p.not(p.eq('status', '调出目录'))),
    decided: m.count('已决策事项数', 'decidedOn'),
    publicParticipation: m.count('履行公众参与程序事项数', 'decidedOn', p.notNull('commentStartOn')),
    expertReviewed: m.count('履行专家论证程序事项数', 'decidedOn', p.notNull('expertReviewOn')),
    riskAssessed: m.count('履行风险评估程序事项数', 'decidedOn', p.notNull('riskAssessedOn')),
    legalityReviewed: m.count('履行合法性审查程序事项数', 'decidedOn', p.notNull('legalityReviewDoneOn')),
    collectivelyDecided: m.count('经集体讨论决定事项数', 'decidedOn', p.notNull('discussedOn')),
    fullProcedure: m.count('五项程序齐全事项数', 'decidedOn', FIVE_PROCEDURES),
    hearings: m.count('召开听证会事项数', 'decidedOn', p.eq('hearingHeld', true)),
    archived: m.count('归档事项数', 'archivedOn'),
    postEvaluated: m.count('开展后评估事项数', 'postEvaluatedOn'),
  },
  deadlines: [
    {
      id: 'commentPeriod',
      label: '公开征求意见不少于30日',
      limit: 'major_decision.public_comment',
      from: 'commentStartOn',
      done: 'commentEndOn',
    },
    {
      id: 'legalityReview',
      label: '合法性审查不少于7个工作日',
      limit: 'major_decision.legality_review',
      from: 'legalityReviewSentOn',
      done: 'legalityReviewDoneOn',
    },
  ],
  validate: (r) => {
    const c = checker(r);
    c.order('commentStartOn', 'commentEndOn', '征求意见截止日期不能早于开始日期');
    c.order('legalityReviewSentOn', 'legalityReviewDoneOn', '合法性审查完成日期不能早于送审日期');
    c.order('commentEndOn', 'discussedOn', '集体讨论决定应在公开征求意见结束之后');
    c.order('legalityReviewDoneOn', 'discussedOn', '集体讨论决定应在合法性审查完成之后');
    c.order('discussedOn', 'decidedOn', '决策日期不能早于集体讨论决定日期');
    c.order('decidedOn', 'decisionPublishedOn', '决策公布日期不能早于决策日期');
    c.order('decidedOn', 'archivedOn', '归档日期不能早于决策日期');
    c.order('decidedOn', 'postEvaluatedOn', '后评估日期不能早于决策日期');
    const start = c.str('commentStartOn');
    const end = c.str('commentEndOn');
    if (
      start &&
      end &&
      end >= start &&
      daysFrom(start, end) < MAJOR_DECISION_MINIMUMS.commentDays &&
      !c.str('commentShortenedReason')
    )
      c.push('commentEndOn', `公开征求意见期限为${daysFrom(start, end)}日，一般不少于30日；缩短的须填写说明`);
    c.requireIf(!!start, 'commentEndOn', '已开始公开征求意见的，须填写截止日期');
    const sent = c.str('legalityReviewSentOn');
    const done = c.str('legalityReviewDoneOn');
    if (sent && done && done >= sent && !c.str('legalityReviewShortReason')) {
      const wd = defaultCalendar().workingDaysBetween(sent, done);
      if (wd < MAJOR_DECISION_MINIMUMS.legalityReviewWorkingDays)
        c.push(
          'legalityReviewDoneOn',
          `合法性审查时间为${wd}个工作日，一般不少于7个工作日；不足的须填写说明`,
        );
    }
    c.requireIf(!!done, 'legalityReviewSentOn', '已完成合法性审查的，须填写送审日期');
    c.requireIf(r.status === '已决策', 'decidedOn', '已决策的，须填写决策日期');
    c.requireIf(!!r.decidedOn, 'discussedOn', '已决策的，须填写集体讨论决定日期');
    const cy = c.num('catalogueYear');
    const cat = c.str('cataloguedOn');
    if (cy !== null && cat && Math.abs(Number(cat.slice(0, 4)) - cy) > 1)
      c.push('cataloguedOn', '目录公布日期与目录年度不符');
    return c.out;
  },
});
