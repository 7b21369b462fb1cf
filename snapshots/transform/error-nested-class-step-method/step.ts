export function makeRepo() {
  class Repo {
    static async find(id: string) {
      "use step";
      return id;
    }
  }
  return Repo;
}
