# Staging. Replace the example domain, zone, repository and email before the
# first apply (docs/deploy.md). Secrets never go here.
project      = "habit-tracker"
environment  = "staging"
region       = "us-east-1"
dr_region    = "us-west-2"
cost_profile = "seed"

domain_name    = "habits-staging.example.com"
hosted_zone_id = "Z0EXAMPLE0000000000000"
repository     = "example-org/habit-tracker"
branch         = "main"
alarm_emails   = ["ops@example.com"]

nat_gateway_mode       = "single"
deletion_protection    = true
force_destroy          = false
enable_common_rule_set = true
