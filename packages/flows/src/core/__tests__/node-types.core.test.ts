import { describe, expect, it } from 'vitest';
import { chain, DAY, HOUR, simulate } from './flow-simulator';

const approve = { action: 'approve' } as const;

/** Quote approval as in R8: over the limit the sales director approves, else straight on. */
const quoteFlow = {
  key: 'quote_approval',
  title: { en: 'Quote approval' },
  form: 'quote',
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'check', type: 'exclusive_gateway' },
    { id: 'director', type: 'approval', assignees: [{ kind: 'role', role: 'sales_director' }] },
    { id: 'confirm', type: 'service', action: { type: 'update_record', set: { status: 'confirmed' } } },
    { id: 'end', type: 'end', outcome: 'approved' },
  ],
  edges: [
    { from: 'start', to: 'check' },
    { from: 'check', to: 'director', condition: { '>': [{ var: 'amount' }, 100000] } },
    { from: 'check', to: 'confirm', default: true },
    { from: 'director', to: 'confirm' },
    { from: 'confirm', to: 'end' },
  ],
};

describe('exclusive gateway and service task (quote under / over the limit)', () => {
  it.each([
    { amount: 5000, director: false },
    { amount: 250000, director: true },
  ])('a quote of $amount goes to the director: $director', ({ amount, director }) => {
    const sim = simulate(quoteFlow, { record: { amount }, assignees: { director: ['dora'] } });
    sim.start();
    if (director) {
      expect(sim.open()).toEqual(['director:dora']);
      expect(sim.state.status).toBe('running');
      sim.act('dora', 'director', approve);
    }
    expect(sim.record.status).toBe('confirmed');
    expect(sim.state).toMatchObject({ status: 'completed', outcome: 'approved' });
    expect(sim.commands.at(-1)).toEqual({
      type: 'complete-instance',
      status: 'completed',
      outcome: 'approved',
    });
  });

  it.each([
    { what: 'an empty amount', record: { amount: null } },
    { what: 'no amount at all', record: {} },
  ])('a gateway on $what fails the instance visibly instead of skipping the approval', ({ record }) => {
    const sim = simulate(quoteFlow, { record, assignees: { director: ['dora'] } });
    sim.start();
    expect(sim.open()).toEqual([]);
    expect(sim.record.status).toBeUndefined();
    expect(sim.state).toMatchObject({
      status: 'failed',
      error: { code: 'condition_on_empty_number', message: expect.stringContaining('"amount" is empty') },
    });
    expect(sim.timeline.at(-1)).toMatchObject({
      kind: 'instance-failed',
      detail: { code: 'condition_on_empty_number', nodeId: 'check' },
    });
  });

  it('conditions can read the decision of an earlier approval', () => {
    const sim = simulate(
      {
        ...quoteFlow,
        edges: quoteFlow.edges.map((e) =>
          e.from === 'check' && e.to === 'director'
            ? { ...e, condition: { '==': [{ var: '_flow.initiator' }, 'alice'] } }
            : e,
        ),
      },
      { record: { amount: 1 }, assignees: { director: ['dora'] } },
    );
    sim.start('alice');
    expect(sim.open()).toEqual(['director:dora']);
  });
});

describe('service task: create a record by mapping (a quote becomes a sales order)', () => {
  it('copies the header and every line item, computing the line amounts', () => {
    const sim = simulate(
      chain([
        {
          id: 'make_order',
          type: 'service',
          action: {
            type: 'create_record',
            form: 'sales_order',
            values: { customer: { var: 'customer' }, total: { var: 'amount' }, status: 'new' },
            lineItems: {
              lines: {
                from: 'items',
                values: {
                  product: { var: 'product' },
                  qty: { var: 'qty' },
                  amount: { '*': [{ var: 'qty' }, { var: 'price' }] },
                  quote_no: { var: '_record.number' },
                },
              },
            },
            linkBack: 'quote',
          },
        },
      ]),
      {
        record: {
          number: 'Q-1',
          customer: 'c1',
          amount: 70,
          items: [
            { product: 'bolt', qty: 3, price: 10 },
            { product: 'nut', qty: 4, price: 10 },
          ],
        },
      },
    );
    sim.start();
    expect(sim.commands.find((c) => c.type === 'create-record')).toEqual({
      type: 'create-record',
      form: 'sales_order',
      values: { customer: 'c1', total: 70, status: 'new' },
      lineItems: {
        lines: [
          { product: 'bolt', qty: 3, amount: 30, quote_no: 'Q-1' },
          { product: 'nut', qty: 4, amount: 40, quote_no: 'Q-1' },
        ],
      },
      linkBack: 'quote',
    });
    expect(sim.state.status).toBe('completed');
  });

  /** An order whose lines are compared with each product's available stock (a lookup of the row). */
  const shortLines = (items: object[]) =>
    simulate(
      chain([
        {
          id: 'suggest',
          type: 'service',
          action: {
            type: 'create_record',
            form: 'purchase_suggestion',
            forEach: { from: 'items', where: { '>': [{ var: 'quantity' }, { var: 'available' }] } },
            values: {
              product: { var: 'product' },
              shortage: { '-': [{ var: 'quantity' }, { max: [{ var: 'available' }, 0] }] },
              needed_by: { var: '_record.delivery' },
            },
            linkBack: 'sales_order',
          },
        },
      ]),
      { record: { delivery: '2026-02-01', items } },
    );

  it('forEach: one record per line item that matches `where`, valued from the row and `_record`', () => {
    const sim = shortLines([
      { product: 'pump', quantity: 100, available: 20 },
      { product: 'bolt', quantity: 5, available: 50 },
      { product: 'valve', quantity: 8, available: -2 },
    ]);
    sim.start();
    expect(sim.commands.filter((c) => c.type === 'create-record')).toEqual([
      {
        type: 'create-record',
        form: 'purchase_suggestion',
        values: { product: 'pump', shortage: 80, needed_by: '2026-02-01' },
        lineItems: {},
        linkBack: 'sales_order',
      },
      {
        type: 'create-record',
        form: 'purchase_suggestion',
        values: { product: 'valve', shortage: 8, needed_by: '2026-02-01' },
        lineItems: {},
        linkBack: 'sales_order',
      },
    ]);
    expect(sim.state.status).toBe('completed');
  });

  it('forEach: no matching line (or no lines) creates nothing and the flow goes on', () => {
    for (const items of [[{ product: 'bolt', quantity: 5, available: 50 }], []]) {
      const sim = shortLines(items);
      sim.start();
      expect(sim.commands.filter((c) => c.type === 'create-record')).toEqual([]);
      expect(sim.state.status).toBe('completed');
    }
  });

  it('forEach over a field that is not line items stops the instance with the reason, creating nothing', () => {
    const bad = simulate(
      chain([
        {
          id: 'suggest',
          type: 'service',
          action: {
            type: 'create_record',
            form: 'purchase_suggestion',
            forEach: { from: 'itemz' },
            values: {},
          },
        },
      ]),
      { record: { items: [] } },
    );
    bad.start();
    expect(bad.commands.filter((c) => c.type === 'create-record')).toEqual([]);
    expect(bad.state).toMatchObject({
      status: 'failed',
      error: { code: 'service_failed', message: 'forEach: "itemz" is not a line-items field of the record' },
    });
  });

  it("update_record on another form: `$record.<path>` in `where` is the instance's record value", () => {
    const sim = simulate(
      chain([
        {
          id: 'close',
          type: 'service',
          action: {
            type: 'update_record',
            form: 'purchase_suggestion',
            where: {
              and: [
                { '==': [{ var: 'sales_order' }, { var: '$record.id' }] },
                { '==': [{ var: 'status' }, 'open'] },
              ],
            },
            set: { status: 'ordered' },
          },
        },
      ]),
      { record: { id: 'so-1' } },
    );
    sim.start();
    expect(sim.commands.find((c) => c.type === 'update-record')).toEqual({
      type: 'update-record',
      form: 'purchase_suggestion',
      where: { and: [{ '==': [{ var: 'sales_order' }, 'so-1'] }, { '==': [{ var: 'status' }, 'open'] }] },
      set: { status: 'ordered' },
    });
  });

  it('notify fills the template from the record; webhook goes out as a command', () => {
    const sim = simulate(
      chain([
        {
          id: 'tell',
          type: 'service',
          action: {
            type: 'notify',
            channels: ['email'],
            to: [{ kind: 'address', address: 'buyer@example.com' }],
            body: { en: 'Order {{ number }} has shipped' },
          },
        },
        { id: 'hook', type: 'service', action: { type: 'webhook', url: 'https://erp.example.com/hook' } },
      ]),
      { record: { number: 'SO-7' } },
    );
    sim.start();
    expect(sim.commands.find((c) => c.type === 'notify')).toMatchObject({
      channels: ['email'],
      body: { en: 'Order SO-7 has shipped' },
    });
    expect(sim.commands.find((c) => c.type === 'call-webhook')).toMatchObject({
      url: 'https://erp.example.com/hook',
      method: 'POST',
      body: { record: { number: 'SO-7' }, nodeId: 'hook' },
    });
  });
});

describe('parallel gateway', () => {
  const flow = {
    key: 'ship_and_invoice',
    title: { en: 'Ship and invoice' },
    form: 'sales_order',
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'fork', type: 'parallel_gateway' },
      { id: 'ship', type: 'user_task', assignees: [{ kind: 'role', role: 'warehouse' }] },
      { id: 'invoice', type: 'user_task', assignees: [{ kind: 'role', role: 'finance' }] },
      { id: 'join', type: 'parallel_gateway' },
      { id: 'done', type: 'service', action: { type: 'update_record', set: { status: 'closed' } } },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { from: 'start', to: 'fork' },
      { from: 'fork', to: 'ship' },
      { from: 'fork', to: 'invoice' },
      { from: 'ship', to: 'join' },
      { from: 'invoice', to: 'join' },
      { from: 'join', to: 'done' },
      { from: 'done', to: 'end' },
    ],
  };

  it('runs both branches and goes on once, after the last one arrives', () => {
    const sim = simulate(flow, { assignees: { ship: ['wang'], invoice: ['fei'] } });
    sim.start();
    expect(sim.open()).toEqual(['invoice:fei', 'ship:wang']);
    sim.act('wang', 'ship', approve);
    expect(sim.state.status).toBe('running');
    expect(sim.record.status).toBeUndefined();
    sim.act('fei', 'invoice', approve);
    expect(sim.state).toMatchObject({ status: 'completed', outcome: 'completed', tokens: [] });
    expect(sim.commands.filter((c) => c.type === 'update-record')).toHaveLength(1);
  });
});

describe('terminate end', () => {
  /** A request the approver must decide within a day, else it expires: whichever comes first ends it. */
  const flow = {
    key: 'race',
    title: { en: 'Decide within a day' },
    form: 'request',
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'fork', type: 'parallel_gateway' },
      { id: 'decide', type: 'approval', assignees: [{ kind: 'role', role: 'board' }], mode: 'all' },
      { id: 'deadline', type: 'timer', duration: 'P1D' },
      { id: 'approved', type: 'end', outcome: 'approved', terminate: true },
      { id: 'expired', type: 'end', outcome: 'cancelled', terminate: true },
    ],
    edges: [
      { from: 'start', to: 'fork' },
      { from: 'fork', to: 'decide' },
      { from: 'fork', to: 'deadline' },
      { from: 'decide', to: 'approved' },
      { from: 'deadline', to: 'expired' },
    ],
  };

  it('ends the whole instance when the timer path gets there first, cancelling the open tasks', () => {
    const sim = simulate(flow, { assignees: { decide: ['bea', 'bo'] } });
    sim.start();
    sim.act('bea', 'decide', approve);
    expect(sim.open()).toEqual(['decide:bo']);
    sim.advance(DAY);
    expect(sim.state).toMatchObject({ status: 'completed', outcome: 'cancelled', tokens: [] });
    expect(sim.open()).toEqual([]);
    expect(sim.commands).toContainEqual({
      type: 'cancel-task',
      taskId: sim.taskOf('decide', 'bo').id,
      status: 'cancelled',
    });
    expect(sim.timeline.at(-1)).toMatchObject({
      kind: 'instance-completed',
      detail: { outcome: 'cancelled', terminatedBy: 'expired' },
    });
  });

  it('ends it when the approval path gets there first, cancelling the timer', () => {
    const sim = simulate(flow, { assignees: { decide: ['bea'] } });
    sim.start();
    sim.act('bea', 'decide', approve);
    expect(sim.state).toMatchObject({ status: 'completed', outcome: 'approved', timers: [] });
    expect(sim.commands.some((c) => c.type === 'cancel-timer')).toBe(true);
    sim.advance(DAY);
    expect(sim.state.outcome).toBe('approved');
  });
});

describe('timer', () => {
  it('waits an ISO 8601 duration', () => {
    const sim = simulate(chain([{ id: 'cool_off', type: 'timer', duration: 'P2D' }]));
    sim.start();
    expect(sim.commands).toContainEqual(
      expect.objectContaining({ type: 'schedule-timer', runAt: '2026-01-07T09:00:00.000Z' }),
    );
    sim.advance(DAY);
    expect(sim.state.status).toBe('running');
    sim.advance(DAY);
    expect(sim.state.status).toBe('completed');
  });

  it('waits until a date of the record, with an offset before it', () => {
    const sim = simulate(
      chain([{ id: 'eve', type: 'timer', until: 'delivery_date', offset: 'P1D', before: true }]),
      {
        record: { delivery_date: '2026-01-10' },
      },
    );
    sim.start();
    expect(sim.commands).toContainEqual(
      expect.objectContaining({ type: 'schedule-timer', runAt: '2026-01-09T00:00:00.000Z' }),
    );
    sim.advance(3 * DAY + 15 * HOUR);
    expect(sim.state.status).toBe('completed');
  });

  it('a date begins at its midnight in the platform zone, not at midnight UTC', () => {
    const sim = simulate(chain([{ id: 'on_day', type: 'timer', until: 'delivery_date' }]), {
      record: { delivery_date: '2026-01-10' },
      timeZone: 'Asia/Shanghai',
    });
    sim.start();
    expect(sim.commands).toContainEqual(
      expect.objectContaining({ type: 'schedule-timer', runAt: '2026-01-09T16:00:00.000Z' }),
    );
  });

  it('a date already past goes straight on; a missing date stops the instance with a clear error', () => {
    const past = simulate(chain([{ id: 't', type: 'timer', until: 'due' }]), {
      record: { due: '2025-12-01' },
    });
    past.start();
    expect(past.state.status).toBe('completed');
    const missing = simulate(chain([{ id: 't', type: 'timer', until: 'due' }]));
    missing.start();
    expect(missing.state).toMatchObject({ status: 'failed', error: { code: 'timer_date_missing' } });
  });
});

describe('wait until a condition', () => {
  const waitFlow = chain([
    { id: 'paid', type: 'wait', condition: { '>=': [{ var: 'paid' }, { var: 'amount' }] }, timeout: 'P30D' },
  ]);

  it('goes on when a record change makes the condition true', () => {
    const sim = simulate(waitFlow, { record: { amount: 100, paid: 0 } });
    sim.start();
    sim.record.paid = 50;
    sim.send({ type: 'record-changed' } as never);
    expect(sim.state.status).toBe('running');
    sim.record.paid = 100;
    sim.send({ type: 'record-changed' } as never);
    expect(sim.state).toMatchObject({ status: 'completed', decisions: { paid: 'met' } });
    expect(sim.commands).toContainEqual(expect.objectContaining({ type: 'cancel-timer' }));
  });

  it('goes on with decision "timeout" when the time is up', () => {
    const sim = simulate(waitFlow, { record: { amount: 100, paid: 0 } });
    sim.start();
    sim.advance(30 * DAY);
    expect(sim.state).toMatchObject({ status: 'completed', decisions: { paid: 'timeout' } });
  });
});

describe('end', () => {
  it('a late timer or record change after the end changes nothing', () => {
    const sim = simulate(chain([]));
    sim.start();
    expect(sim.state.status).toBe('completed');
    expect(sim.send({ type: 'timer-fired', timerId: 'm9' } as never).ok).toBe(true);
    expect(
      sim.send({ type: 'task-action', taskId: 't1', actorId: 'x', action: 'approve' } as never),
    ).toMatchObject({
      ok: false,
      code: 'INSTANCE_NOT_RUNNING',
    });
  });
});
