terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  # Created once by hand (docs/deploy.md, "Bootstrap the state"). `terraform init
  # -backend=false` skips it, which is how infra/check.sh validates offline.
  backend "s3" {
    bucket         = "habit-tracker-tfstate"
    key            = "staging/terraform.tfstate"
    region         = "us-east-1"
    dynamodb_table = "habit-tracker-tflock"
    encrypt        = true
  }
}
