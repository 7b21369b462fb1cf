export async function a() {
  "use steps";
  return 1;
}

export async function b() {
  "Use step";
  return 2;
}

export async function c() {
  "use setp";
  return 3;
}
