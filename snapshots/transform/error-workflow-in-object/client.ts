export const flows = {
  async nightly() {
    "use workflow";
    return 1;
  },
};
