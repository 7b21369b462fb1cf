'use step';
'use workflow';

export async function both() {
  return 1;
}
