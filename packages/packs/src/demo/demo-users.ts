/** The demo organisation: departments and one user per role of the Customer ERP pack. */
export interface DemoDepartment {
  readonly code: string;
  readonly name: string;
  readonly parent?: string;
  readonly manager?: string;
}

export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly department: string;
}

/**
 * The one demo password of every demo user (documented in examples/customer-erp/README.md): at
 * least 10 characters, letters and digits, containing no demo user name. Change it, or remove
 * the demo users, before real use.
 */
export const DEMO_PASSWORD = 'Tessera-Demo-2026';

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  { code: 'hq', name: '总部 Headquarters', manager: 'manager1' },
  { code: 'sales', name: '销售部 Sales', parent: 'hq', manager: 'director1' },
  { code: 'warehouse', name: '仓储部 Warehouse', parent: 'hq', manager: 'warehouse1' },
  { code: 'purchasing', name: '采购部 Purchasing', parent: 'hq', manager: 'purchasing1' },
  { code: 'finance', name: '财务部 Finance', parent: 'hq', manager: 'fmanager1' },
  { code: 'service', name: '客服部 Customer service', parent: 'hq', manager: 'service1' },
  { code: 'risk', name: '风控部 Risk control', parent: 'hq', manager: 'risk1' },
];

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'sales1', displayName: '王小明 (sales)', roles: ['sales'], department: 'sales' },
  { username: 'sales2', displayName: '李娜 (sales)', roles: ['sales'], department: 'sales' },
  {
    username: 'director1',
    displayName: '张伟 (sales director)',
    roles: ['sales_director'],
    department: 'sales',
  },
  { username: 'warehouse1', displayName: '刘强 (warehouse)', roles: ['warehouse'], department: 'warehouse' },
  {
    username: 'purchasing1',
    displayName: '陈静 (purchasing)',
    roles: ['purchasing'],
    department: 'purchasing',
  },
  { username: 'finance1', displayName: '杨丽 (finance)', roles: ['finance'], department: 'finance' },
  {
    username: 'fmanager1',
    displayName: '赵敏 (finance manager)',
    roles: ['finance_manager'],
    department: 'finance',
  },
  { username: 'service1', displayName: '黄磊 (service)', roles: ['service'], department: 'service' },
  { username: 'risk1', displayName: '周洁 (risk control)', roles: ['risk_control'], department: 'risk' },
  { username: 'manager1', displayName: '吴刚 (management)', roles: ['management'], department: 'hq' },
];
