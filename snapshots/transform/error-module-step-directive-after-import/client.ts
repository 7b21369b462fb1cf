import { db } from "./db";
"use step";

export async function load(id: string) {
  return db.get(id);
}
