export class Vault {
  async #open(key: string) {
    "use step";
    return key;
  }

  read(key: string) {
    return this.#open(key);
  }
}
