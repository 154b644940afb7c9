"""The terminal console: a second front end over the same conversations as Slack (survey_flows/)."""
