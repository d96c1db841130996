/** How an empty value looks everywhere: a quiet dash, not "null". */
export function EmptyValue() {
  return <span style={{ color: '#b0b7c3' }}>—</span>;
}

export function isBlank(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}
