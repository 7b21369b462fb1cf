"use step";

export const x = 42;

export class Store {}

export * from "./other";

export async function ok() {
  return x;
}
