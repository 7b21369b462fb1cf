// The seed's createHook example, as written, with its steps talking to the test's server.
import { createHook } from "workflow";
import { postNote } from "./notes.js";

interface ApprovalPayload {
  approved: boolean;
  reviewerId: string;
  comment?: string;
}

export async function approvalWorkflow(documentId: string) {
  "use workflow";

  // Create typed hook
  const hook = createHook<ApprovalPayload>();

  // Access the token to share with external system
  await notifyReviewer(documentId, hook.token);

  // Workflow suspends here until resumed
  const approval = await hook;

  if (approval.approved) {
    await publishDocument(documentId);
  } else {
    await rejectDocument(documentId, approval.comment);
  }
}

async function notifyReviewer(documentId: string, token: string) {
  "use step";
  await postNote("review-requested", { documentId, token });
}

async function publishDocument(documentId: string) {
  "use step";
  await postNote("document-outcome", { documentId, outcome: "published" });
}

async function rejectDocument(documentId: string, comment?: string) {
  "use step";
  await postNote("document-outcome", { documentId, outcome: "rejected", comment });
}
