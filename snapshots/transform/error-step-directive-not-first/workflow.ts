export async function load(id: string) {
  'use strict';
  'use step';
  return id;
}
