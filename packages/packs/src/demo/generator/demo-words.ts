/**
 * The bundled word lists of the demo data generator: real provinces and cities, company name
 * parts, a machine-tool distributor's catalogue, suppliers, carriers and service vocabulary.
 * Bundled (not drawn from a faker locale) so the same seed gives the same data across upgrades.
 */

/** Province, its cities, and the warehouse that serves it. */
export const REGIONS: readonly {
  readonly province: string;
  readonly cities: readonly string[];
  readonly warehouse: 'shanghai' | 'guangzhou' | 'beijing';
}[] = [
  { province: '上海', cities: ['上海'], warehouse: 'shanghai' },
  { province: '江苏', cities: ['苏州', '南京', '无锡', '常州', '南通'], warehouse: 'shanghai' },
  { province: '浙江', cities: ['杭州', '宁波', '温州', '绍兴', '台州'], warehouse: 'shanghai' },
  { province: '安徽', cities: ['合肥', '芜湖', '马鞍山'], warehouse: 'shanghai' },
  { province: '山东', cities: ['济南', '青岛', '烟台', '潍坊'], warehouse: 'beijing' },
  { province: '北京', cities: ['北京'], warehouse: 'beijing' },
  { province: '天津', cities: ['天津'], warehouse: 'beijing' },
  { province: '河北', cities: ['石家庄', '唐山', '保定'], warehouse: 'beijing' },
  { province: '辽宁', cities: ['沈阳', '大连', '鞍山'], warehouse: 'beijing' },
  { province: '河南', cities: ['郑州', '洛阳', '新乡'], warehouse: 'beijing' },
  { province: '湖北', cities: ['武汉', '襄阳', '宜昌'], warehouse: 'shanghai' },
  { province: '湖南', cities: ['长沙', '株洲', '湘潭'], warehouse: 'guangzhou' },
  { province: '广东', cities: ['广州', '深圳', '东莞', '佛山', '中山', '珠海'], warehouse: 'guangzhou' },
  { province: '福建', cities: ['福州', '厦门', '泉州'], warehouse: 'guangzhou' },
  { province: '四川', cities: ['成都', '绵阳', '德阳'], warehouse: 'guangzhou' },
  { province: '重庆', cities: ['重庆'], warehouse: 'guangzhou' },
  { province: '陕西', cities: ['西安', '宝鸡'], warehouse: 'beijing' },
];

export const DISTRICTS = [
  '高新区',
  '经济技术开发区',
  '工业园区',
  '新区',
  '城东区',
  '城西区',
  '滨江区',
  '临港片区',
];
export const ROADS = [
  '长江路',
  '人民路',
  '建设路',
  '工业大道',
  '创业路',
  '科技路',
  '黄河路',
  '中山路',
  '解放路',
  '湖滨路',
  '金桥路',
  '望江路',
];

/** Two characters of a trade name (字号): drawn in pairs, so there are thousands of names. */
export const BRAND_CHARS = [
  '恒',
  '达',
  '华',
  '通',
  '精',
  '鑫',
  '瑞',
  '泰',
  '盛',
  '宏',
  '远',
  '博',
  '诚',
  '信',
  '凯',
  '捷',
  '正',
  '和',
  '兴',
  '隆',
  '海',
  '创',
  '新',
  '联',
  '天',
  '润',
  '安',
  '迈',
  '永',
  '昌',
  '中',
  '科',
];

/** What the company does, by industry (a select option of the customer form). */
export const INDUSTRY_WORDS: Readonly<Record<string, readonly string[]>> = {
  manufacturing: ['精密机械', '汽车零部件', '模具', '重工', '液压设备', '轴承', '五金制品'],
  retail: ['商贸', '百货', '连锁超市'],
  construction: ['建设工程', '钢结构', '建材'],
  healthcare: ['医疗器械', '生物医药'],
  energy: ['新能源', '电力设备', '光伏科技'],
  logistics: ['物流', '供应链管理'],
  it: ['智能科技', '自动化', '信息技术'],
  other: ['实业', '贸易'],
};
export const INDUSTRY_WEIGHTS: readonly [string, number][] = [
  ['manufacturing', 50],
  ['construction', 10],
  ['energy', 10],
  ['it', 8],
  ['healthcare', 6],
  ['logistics', 6],
  ['retail', 5],
  ['other', 5],
];
export const COMPANY_SUFFIXES = ['有限公司', '股份有限公司', '集团有限公司', '有限责任公司'];

export const CONTACT_TITLES: Readonly<Record<string, readonly string[]>> = {
  decision_maker: ['总经理', '副总经理', '采购总监', '厂长'],
  technical: ['技术主管', '设备经理', '工艺工程师'],
  finance: ['财务经理', '会计主管', '出纳'],
  receiving: ['仓库主管', '收货员', '物流专员'],
};

/** The catalogue: name, category, unit, list price and cost in yuan (multiples of 20), safety stock. */
export const PRODUCTS: readonly {
  readonly name: string;
  readonly category: 'equipment' | 'parts' | 'consumables' | 'service';
  readonly unit: string;
  readonly price: number;
  readonly cost: number;
  readonly safety: number;
}[] = [
  { name: '数控车床 CK6150', category: 'equipment', unit: '台', price: 185000, cost: 132000, safety: 2 },
  { name: '立式加工中心 VMC850', category: 'equipment', unit: '台', price: 420000, cost: 310000, safety: 1 },
  { name: '卧式加工中心 HMC630', category: 'equipment', unit: '台', price: 860000, cost: 645000, safety: 1 },
  { name: '数控铣床 XK7136', category: 'equipment', unit: '台', price: 128000, cost: 91000, safety: 2 },
  { name: '线切割机床 DK7740', category: 'equipment', unit: '台', price: 56000, cost: 39000, safety: 2 },
  { name: '平面磨床 M7150', category: 'equipment', unit: '台', price: 98000, cost: 70000, safety: 1 },
  { name: '激光切割机 3015', category: 'equipment', unit: '台', price: 360000, cost: 268000, safety: 1 },
  { name: '折弯机 WC67K-100', category: 'equipment', unit: '台', price: 152000, cost: 110000, safety: 1 },
  { name: '主轴总成 BT40', category: 'parts', unit: '套', price: 32000, cost: 21000, safety: 4 },
  { name: '滚珠丝杠 SFU2005', category: 'parts', unit: '根', price: 1280, cost: 760, safety: 20 },
  { name: '直线导轨 HGR25', category: 'parts', unit: '根', price: 960, cost: 580, safety: 30 },
  { name: '伺服电机 1.5kW', category: 'parts', unit: '台', price: 4200, cost: 2900, safety: 10 },
  { name: '数控系统 FANUC 0i-TF', category: 'parts', unit: '套', price: 68000, cost: 52000, safety: 2 },
  { name: '刀塔 8 工位', category: 'parts', unit: '台', price: 8800, cost: 6100, safety: 4 },
  { name: '卡盘 K11-250', category: 'parts', unit: '个', price: 2400, cost: 1500, safety: 8 },
  { name: '变频器 7.5kW', category: 'parts', unit: '台', price: 3600, cost: 2400, safety: 6 },
  {
    name: '硬质合金刀片 CNMG120408',
    category: 'consumables',
    unit: '盒',
    price: 380,
    cost: 220,
    safety: 200,
  },
  { name: '立铣刀 φ10 四刃', category: 'consumables', unit: '支', price: 160, cost: 80, safety: 300 },
  { name: '钻头套装 HSS 19 件', category: 'consumables', unit: '套', price: 240, cost: 140, safety: 100 },
  { name: '切削液 20L', category: 'consumables', unit: '桶', price: 680, cost: 420, safety: 60 },
  { name: '导轨油 68# 18L', category: 'consumables', unit: '桶', price: 520, cost: 320, safety: 60 },
  { name: '砂轮 PA60 400mm', category: 'consumables', unit: '片', price: 460, cost: 260, safety: 80 },
  { name: '安装调试服务', category: 'service', unit: '次', price: 8000, cost: 3000, safety: 0 },
  { name: '年度维保合同', category: 'service', unit: '年', price: 36000, cost: 14000, safety: 0 },
  { name: '操作培训（2 天）', category: 'service', unit: '次', price: 6000, cost: 2000, safety: 0 },
  { name: '精度检测与校准', category: 'service', unit: '次', price: 4800, cost: 1600, safety: 0 },
];

export const SUPPLIERS = [
  '沈阳机床供应链有限公司',
  '大连光洋科技集团',
  '北京发那科机电有限公司',
  '上银科技（苏州）有限公司',
  '株洲钻石切削刀具股份有限公司',
  '宁波海天精工股份有限公司',
  '广州数控设备有限公司',
];
export const CARRIERS: readonly [string, string][] = [
  ['顺丰速运', 'SF'],
  ['德邦物流', 'DB'],
  ['中通快运', 'ZT'],
  ['京东物流', 'JD'],
  ['安能物流', 'AN'],
];
export const BANKS = ['ICBC', 'CCB', 'ABC', 'BOC', 'CMB', 'BOCOM'];

export const TICKET_SUBJECTS: Readonly<Record<string, readonly string[]>> = {
  installation: ['设备安装调试', '新机验收', '地脚螺栓找平', '系统参数设置'],
  repair: ['主轴异响', '伺服报警 SV0401', '刀塔换刀卡滞', '导轨润滑不足', '冷却泵不出水', '精度超差'],
  complaint: ['交货延迟', '包装破损', '发票信息有误', '服务响应慢'],
  consulting: ['加工工艺咨询', '备件选型', '操作培训预约', '升级改造方案'],
};
export const FOLLOW_UP_SUMMARIES = [
  '了解年度设备采购计划',
  '介绍新款加工中心，客户有兴趣',
  '回访设备使用情况，运行稳定',
  '沟通回款进度，承诺月底付款',
  '讨论二期产线扩建需求',
  '确认备件年度框架协议',
  '客户反馈交期偏长，需协调',
  '拜访新任采购总监，建立联系',
  '邀请参加年度技术交流会',
  '跟进报价，客户在比价',
];
export const NEXT_STEPS = ['提交报价', '安排技术交流', '发送样品', '约定下次拜访', '催收回款', '准备合同'];
