import type { FormDefinition } from '@tessera/schema';

const en = (text: string, zh: string) => ({ en: text, 'zh-CN': zh });

/** The forms of the R13–R16 scenarios: customers, sales orders, receivables. */
export const customerForm: FormDefinition = {
  key: 'customer',
  title: en('Customer', '客户'),
  fields: [
    { id: 'c01', key: 'name', type: 'text', label: en('Name', '名称'), required: true },
    {
      id: 'c02',
      key: 'credit_level',
      type: 'single_select',
      label: en('Credit level', '信用等级'),
      options: [
        { value: 'excellent', label: en('Excellent', '优秀') },
        { value: 'good', label: en('Good', '良好') },
        { value: 'general', label: en('General', '一般') },
      ],
    },
    { id: 'c03', key: 'last_follow_up', type: 'date', label: en('Last follow-up', '最后跟进') },
    {
      id: 'c04',
      key: 'pool',
      type: 'single_select',
      label: en('Pool', '客户池'),
      options: [
        { value: 'active', label: en('Active', '活跃') },
        { value: 'to_be_reactivated', label: en('To be reactivated', '待激活') },
      ],
    },
    { id: 'c05', key: 'owner', type: 'user', label: en('Owner', '负责人') },
    {
      id: 'c06',
      key: 'contact_phone',
      type: 'phone',
      label: en('Receiving contact phone', '收货联系人电话'),
    },
    { id: 'c07', key: 'email', type: 'email', label: en('E-mail', '邮箱') },
  ],
};

export const salesOrderForm: FormDefinition = {
  key: 'sales_order',
  title: en('Sales order', '销售订单'),
  fields: [
    { id: 'o01', key: 'order_no', type: 'text', label: en('Order no.', '订单号'), required: true },
    { id: 'o02', key: 'customer', type: 'link', label: en('Customer', '客户'), form: 'customer' },
    { id: 'o03', key: 'amount', type: 'money', label: en('Amount', '金额'), currency: 'CNY' },
    { id: 'o04', key: 'expected_delivery', type: 'date', label: en('Expected delivery', '预计交货日期') },
    {
      id: 'o05',
      key: 'status',
      type: 'single_select',
      label: en('Status', '状态'),
      options: [
        { value: 'open', label: en('Open', '进行中') },
        { value: 'shipped', label: en('Shipped', '已发货') },
        { value: 'cancelled', label: en('Cancelled', '已取消') },
      ],
    },
    { id: 'o06', key: 'promised_at', type: 'datetime', label: en('Promised at', '承诺时间') },
  ],
};

export const receivableForm: FormDefinition = {
  key: 'receivable',
  title: en('Receivable', '应收款'),
  fields: [
    { id: 'r01', key: 'invoice_no', type: 'text', label: en('Invoice no.', '发票号'), required: true },
    { id: 'r02', key: 'customer', type: 'link', label: en('Customer', '客户'), form: 'customer' },
    { id: 'r03', key: 'amount', type: 'money', label: en('Amount', '金额'), currency: 'CNY' },
    { id: 'r04', key: 'due_date', type: 'date', label: en('Due date', '到期日') },
    { id: 'r05', key: 'salesperson', type: 'user', label: en('Salesperson', '销售员') },
    {
      id: 'r06',
      key: 'status',
      type: 'single_select',
      label: en('Status', '状态'),
      options: [
        { value: 'open', label: en('Open', '未收') },
        { value: 'paid', label: en('Paid', '已收') },
      ],
    },
  ],
};

export const CRM_FORMS = [customerForm, salesOrderForm, receivableForm] as const;
