"""Small config files for the tests; line numbers are given so expectations can be exact."""

HEADER = (
    "practice:\n"  # line 1
    "  name: Test Clinic\n"  # line 2
    "  team_id: T0TESTCLINIC\n"  # line 3
    "  timezone: America/New_York\n"  # line 4
    '  business_hours: {days: [mon, tue, wed, thu, fri], open: "08:00", close: "17:00"}\n'  # line 5
    "channels: {queue: C0QUEUE0001, escalations: C0ESCAL0001, digests: C0DIGEST001}\n"  # line 6
    "people:\n"  # line 7; the first person written after HEADER starts on line 8
)
CLINICIAN = "  - {slack_id: U0DRPATEL01, name: Dr. Priya Patel, role: clinician}\n"
ASSISTANT = (
    "  - {slack_id: U0VAMARIA01, role: assistant, scopes: [scheduling],"
    ' shift: {days: [mon], start: "09:00", end: "17:00"}}\n'
)
DEFAULT_IDS = (
    "inbox_voicemail, insurance_verification, patient_questions, prior_authorization, "
    "records_request, refill_paperwork, scheduling"
)
