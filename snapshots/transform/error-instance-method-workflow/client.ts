export class Orders {
  async place(id: string) {
    "use workflow";
    return id;
  }
}
