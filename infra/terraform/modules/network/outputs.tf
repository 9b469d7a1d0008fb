output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "IDs of the public subnets (NAT gateways only)."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "IDs of the private subnets."
  value       = aws_subnet.private[*].id
}

output "app_security_group_id" {
  description = "Security group of the Lambda ENIs; the database and cache admit only this group."
  value       = aws_security_group.app.id
}

output "nat_gateway_ids" {
  description = "IDs of the NAT gateways (empty when nat_gateway_mode is none)."
  value       = aws_nat_gateway.this[*].id
}

output "has_egress" {
  description = "Whether private subnets have a route to the internet (and so to AWS APIs)."
  value       = local.nat_count > 0
}
