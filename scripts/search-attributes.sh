# The search attributes of SPEC §6; sourced by the scripts that start a Temporal dev server.
# shellcheck disable=SC2034
SEARCH_ATTRIBUTES=(
  "OrderStatus=Keyword"
  "OrderType=Keyword"
  "Priority=Keyword"
  "Region=Keyword"
  "TechnicianId=Keyword"
  "EscalationLevel=Int"
  "NextDeadline=Datetime"
)
