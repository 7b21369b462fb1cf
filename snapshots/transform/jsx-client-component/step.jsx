/**__internal_workflows{"workflows":{"src/jsx-client-component/input.jsx":{"inviteFlow":{"workflowId":"workflow//./src/jsx-client-component/input//inviteFlow"}}}}*/
import { start } from "workflow/api";
import { sendInvite } from "./steps";

export async function inviteFlow(email) { throw new Error("Workflow \"inviteFlow\" was called directly. A workflow runs durably only when started: use start(inviteFlow, [args]) from \"workflow/api\"."); }
inviteFlow.workflowId = "workflow//./src/jsx-client-component/input//inviteFlow";

export function InviteForm() {
  return (
    <form
      action={async (data) => {
        await start(inviteFlow, [data.get("email")]);
      }}
    >
      <input name="email" />
      <button type="submit">Invite</button>
    </form>
  );
}
