"use client";
"use step";

export async function save(value: string) {
  return value;
}
