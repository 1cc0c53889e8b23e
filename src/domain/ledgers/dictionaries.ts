// Dictionaries (字典) for ledger fields. Codes are the Chinese labels themselves: they are what staff
// type in Excel and read in the database, and they do not change between versions of a form.

export const DICTIONARIES: Record<string, readonly string[]> = {
  'reconsideration.actType': [
    '行政处罚',
    '行政强制',
    '行政许可',
    '行政确认',
    '行政征收征用',
    '政府信息公开',
    '不履行法定职责',
    '行政协议',
    '工伤认定',
    '其他',
  ],
  'reconsideration.acceptance': ['受理', '不予受理', '视为受理', '告知向其他机关申请'],
  'reconsideration.procedure': ['普通程序', '简易程序', '简易转普通'],
  'reconsideration.decision': [
    '变更',
    '撤销',
    '部分撤销',
    '确认违法',
    '确认无效',
    '责令履行',
    '维持',
    '驳回复议请求',
    '驳回申请',
    '调解',
    '和解',
    '终止',
  ],

  // 行政应诉
  'litigation.instance': ['一审', '二审', '再审'],
  'litigation.procedure': ['普通程序', '简易程序'],
  'litigation.headLevel': ['正职', '副职', '分管负责人'],
  'litigation.outcome': [
    '判决驳回诉讼请求',
    '判决撤销',
    '判决部分撤销',
    '判决变更',
    '判决确认违法',
    '判决确认无效',
    '判决责令履行',
    '判决给付',
    '判决赔偿',
    '裁定驳回起诉',
    '裁定准许撤诉',
    '裁定终结诉讼',
    '调解结案',
  ],
  // 人民调解
  'mediation.disputeType': [
    '婚姻家庭纠纷',
    '邻里纠纷',
    '房屋宅基地纠纷',
    '山林土地纠纷',
    '合同纠纷',
    '生产经营纠纷',
    '损害赔偿纠纷',
    '劳动争议纠纷',
    '征地拆迁纠纷',
    '医疗纠纷',
    '道路交通事故纠纷',
    '物业纠纷',
    '环境污染纠纷',
    '其他纠纷',
  ],
  'mediation.source': [
    '排查发现',
    '当事人申请',
    '主动调解',
    '法院委派',
    '公安移送',
    '信访转交',
    '其他部门移送',
  ],
  'mediation.result': ['调解成功', '调解不成功', '终止调解'],
  'mediation.agreementForm': ['书面协议', '口头协议'],
  'mediation.orgType': [
    '村（居）人民调解委员会',
    '乡镇（街道）人民调解委员会',
    '企事业单位人民调解委员会',
    '行业性专业性人民调解委员会',
    '派驻调解工作室',
    '个人调解工作室',
  ],
  'mediation.post': ['乡镇（街道）', '村（社区）', '企事业单位', '行业性专业性'],
  'mediation.employment': ['专职', '兼职'],
  // 通用
  'common.gender': ['男', '女'],
  'common.education': ['研究生', '大学本科', '大学专科', '高中（中专）', '初中及以下'],
  // 法律援助（法律援助法 第二十二条 形式；第四十二条 等 特定群体）
  'legalAid.origin': ['当事人申请', '人民法院通知', '人民检察院通知', '公安机关通知'],
  'legalAid.form': [
    '法律咨询',
    '代拟法律文书',
    '刑事辩护与代理',
    '民事诉讼代理',
    '行政诉讼代理',
    '国家赔偿案件代理',
    '非诉讼代理',
    '劳动争议调解与仲裁代理',
    '值班律师法律帮助',
    '其他',
  ],
  'legalAid.caseType': ['刑事', '民事', '行政', '国家赔偿', '非诉讼'],
  'legalAid.group': [
    '未成年人',
    '老年人',
    '残疾人',
    '妇女',
    '农民工',
    '军人军属',
    '英雄烈士近亲属',
    '低保对象',
    '特困人员',
    '其他',
  ],
  'legalAid.decision': ['给予法律援助', '不予法律援助'],
  'legalAid.provider': ['律师', '基层法律服务工作者', '法律援助机构工作人员', '法律援助志愿者'],
  'legalAid.satisfaction': ['满意', '基本满意', '不满意'],
  // 公证
  'notarization.matter': [
    '继承',
    '遗嘱',
    '委托',
    '声明',
    '赠与',
    '婚姻状况',
    '亲属关系',
    '出生',
    '学历学位',
    '无犯罪记录',
    '合同协议',
    '保全证据',
    '现场监督',
    '提存',
    '其他',
  ],
  'notarization.usage': ['国内使用', '涉外使用', '涉港澳台使用'],
  // 法律顾问
  'legalAdviser.kind': ['政府法律顾问', '公职律师', '部门法律顾问', '村（居）法律顾问'],
  'legalAdviser.activity': [
    '列席常务会议',
    '参加专题会议',
    '审查合同协议',
    '审查规范性文件',
    '参与重大行政决策论证',
    '出具法律意见书',
    '参与矛盾纠纷化解',
    '代理诉讼',
    '法治讲座',
    '其他',
  ],
  // 合法性审查
  'legalityReview.kind': ['规范性文件', '政府合同', '会议纪要', '一般性文件', '重大行政决策', '村级重大事项'],
  'legalityReview.conclusion': ['无修改意见', '提出修改意见', '不同意（不合法）'],
  // 规范性文件
  'normativeDoc.status': ['有效', '失效', '废止', '修订'],
  'normativeDoc.filedWith': ['上一级人民政府', '本级人大常委会', '本级人民政府', '上级主管部门'],
  'normativeDoc.cleanupResult': ['继续有效', '修改', '废止', '宣布失效'],
  // 重大行政决策
  'majorDecision.riskLevel': ['低风险', '中风险', '高风险'],
  'majorDecision.status': ['拟决策', '已决策', '暂缓', '调出目录'],
  // 行政执法
  'enforcement.bodyType': ['行政机关', '法律法规授权组织', '受委托组织'],
  'enforcement.field': [
    '市场监管',
    '交通运输',
    '生态环境',
    '农业农村',
    '自然资源',
    '住房城乡建设',
    '城市管理',
    '文化旅游',
    '应急管理',
    '卫生健康',
    '公安',
    '水利',
    '林业',
    '教育',
    '人力资源社会保障',
    '税务',
    '乡镇综合执法',
    '其他',
  ],
  'enforcement.certificateType': ['行政执法证', '行政执法监督证'],
  'enforcement.revokeReason': ['调离执法岗位', '退休', '违法违纪', '考试考核不合格', '清理注销', '其他'],
  'enforcement.trainingKind': ['业务培训', '法律知识测试', '法律素质测评'],
  'common.validity': ['有效', '撤销'],
  // 普法
  'publicity.type': [
    '法治讲座',
    '送法下乡',
    '宪法宣传周',
    '民法典宣传月',
    '以案释法',
    '法治文艺演出',
    '新媒体普法',
    '法治文化阵地建设',
    '专题培训',
    '主题宣传日',
    '其他',
  ],
  'publicity.audience': [
    '国家工作人员',
    '青少年',
    '农民工',
    '村（社区）群众',
    '企业经营管理人员',
    '老年人',
    '妇女',
    '社会公众',
  ],
  // 示范创建
  'modelUnit.level': ['全国', '省级', '市级'],
  'modelUnit.type': [
    '民主法治示范村（社区）',
    '法治乡镇（街道）',
    '法治政府建设示范地区',
    '法治政府建设示范项目',
    '法治文化建设示范点',
  ],
};

/** Decisions that count as a correction (纠错) in the usual definition of 纠错率. */
export const CORRECTIVE_DECISIONS = ['变更', '撤销', '部分撤销', '确认违法', '确认无效', '责令履行'];

export function dictionary(key: string): readonly string[] {
  const d = DICTIONARIES[key];
  if (!d) throw new Error(`unknown dictionary ${key}`);
  return d;
}

/** 法律援助 forms that are cases (案件) rather than 咨询/代书 services. */
export const LEGAL_AID_NON_CASE_FORMS = ['法律咨询', '代拟法律文书'];

/** 行政应诉 outcomes that are judgments (判决结案) — the denominator of 败诉率. */
export const LITIGATION_JUDGMENTS = [
  '判决驳回诉讼请求',
  '判决撤销',
  '判决部分撤销',
  '判决变更',
  '判决确认违法',
  '判决确认无效',
  '判决责令履行',
  '判决给付',
  '判决赔偿',
];

/** Judgments against the administrative organ (败诉). */
export const LITIGATION_LOSSES = LITIGATION_JUDGMENTS.filter((o) => o !== '判决驳回诉讼请求');
