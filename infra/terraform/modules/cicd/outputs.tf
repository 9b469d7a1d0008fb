output "connection_arn" {
  description = "CodeStar connection; complete its handshake once in the console."
  value       = aws_codestarconnections_connection.this.arn
}

output "artifact_bucket_name" {
  description = "Pipeline artifact bucket."
  value       = module.artifacts.id
}

output "pipeline_names" {
  description = "The infrastructure, backend and frontend pipelines."
  value       = { for key, pipeline in aws_codepipeline.this : key => pipeline.name }
}

output "codebuild_project_names" {
  description = "CodeBuild projects by purpose."
  value       = { for key, project in aws_codebuild_project.this : key => project.name }
}
