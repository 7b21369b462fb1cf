export const run = () => {
  "use workflow";
  return 1;
};
