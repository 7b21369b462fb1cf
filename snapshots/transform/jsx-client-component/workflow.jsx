/**__internal_workflows{"workflows":{"src/jsx-client-component/input.jsx":{"inviteFlow":{"workflowId":"workflow//./src/jsx-client-component/input//inviteFlow"}}}}*/
import { start } from "workflow/api";
import { sendInvite } from "./steps";

export async function inviteFlow(email) {
  await sendInvite(email);
  return email;
}
globalThis[Symbol.for("WORKFLOW_REGISTER")]("workflow//./src/jsx-client-component/input//inviteFlow", inviteFlow);

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
