/** The seed's getWritable() example, as written there (plus a `!` for strict index access). */
import { getWritable } from "workflow";

async function someAsyncOperation(item: string) {
  await new Promise((resolve) => setTimeout(resolve, item.length % 3));
}

// Basic usage
export async function progressWorkflow(items: string[]) {
  "use workflow";

  const writable = getWritable<{ progress: number; item: string }>();

  for (let i = 0; i < items.length; i++) {
    await processItem(items[i]!, writable, i, items.length);
  }

  await closeStream(writable);
}

async function processItem(item: string, writable: WritableStream, index: number, total: number) {
  "use step";

  const writer = writable.getWriter();

  // Do work...
  await someAsyncOperation(item);

  // Write progress
  await writer.write({
    progress: ((index + 1) / total) * 100,
    item,
  });

  writer.releaseLock(); // Always release!
}

async function closeStream(writable: WritableStream) {
  "use step";
  await writable.close();
}
