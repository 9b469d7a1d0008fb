locals {
  s3_origin_id  = "site"
  api_origin_id = "api"
  # AWS managed policies; their IDs are fixed and documented, so no lookup is needed.
  caching_disabled_policy_id              = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  caching_optimized_policy_id             = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  all_viewer_except_host_header_policy_id = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
  api_path_patterns_without_caching       = ["/api/*", "/health/", "/admin/*"]
  # Read by core.middleware.OriginVerifyMiddleware.
  origin_verify_header = "X-Origin-Verify"
}

module "bucket" {
  source = "../bucket"

  name          = var.bucket_name
  kms_key_arn   = null
  policy_json   = data.aws_iam_policy_document.cloudfront_read.json
  force_destroy = var.force_destroy
  tags          = var.tags
}

data "aws_iam_policy_document" "cloudfront_read" {
  statement {
    sid       = "CloudFrontOriginAccessControl"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::${var.bucket_name}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.this.arn]
    }
  }
}

resource "aws_cloudfront_origin_access_control" "this" {
  name                              = var.name
  description                       = "CloudFront reads the private site bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_function" "spa_rewrite" {
  name    = "${var.name}-spa-rewrite"
  runtime = "cloudfront-js-2.0"
  comment = "Serve index.html for client-side routes"
  publish = true
  code    = file("${path.module}/functions/spa_rewrite.js")
}

resource "aws_cloudfront_response_headers_policy" "this" {
  name    = "${var.name}-security-headers"
  comment = "Security headers for the SPA and the API"

  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      preload                    = true
      override                   = true
    }

    content_type_options {
      override = true
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }

    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }

    xss_protection {
      protection = true
      mode_block = true
      override   = true
    }

    content_security_policy {
      content_security_policy = var.content_security_policy
      override                = false
    }
  }
}

resource "aws_cloudfront_distribution" "this" {
  #checkov:skip=CKV_AWS_86:Standard logs need an ACL-enabled log bucket; CloudWatch metrics, API Gateway access logs and WAF logs cover staging.
  #checkov:skip=CKV_AWS_310:One region by design; the DR runbook rebuilds the API in us-west-2 and repoints the origin.
  #checkov:skip=CKV_AWS_374:The app is open to every country.
  #checkov:skip=CKV_AWS_68:The WAF web ACL is a variable; the lean profile runs without it to stay under its budget (see docs/COST.md).
  #checkov:skip=CKV2_AWS_47:Same: Log4j protection comes from the WAF module's Known Bad Inputs rule group when the ACL is attached.
  enabled             = true
  is_ipv6_enabled     = true
  comment             = var.name
  default_root_object = "index.html"
  aliases             = [var.domain_name]
  price_class         = var.price_class
  web_acl_id          = var.web_acl_arn
  http_version        = "http2and3"

  origin {
    origin_id                = local.s3_origin_id
    domain_name              = module.bucket.regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.this.id
  }

  origin {
    origin_id   = local.api_origin_id
    domain_name = var.api_domain_name
    origin_path = "/${var.api_stage_name}"

    # The execute-api URL is public and skips the WAF: the app answers only
    # requests carrying this secret (ORIGIN_VERIFY_SECRET). CloudFront replaces
    # a header of the same name sent by a viewer.
    custom_header {
      name  = local.origin_verify_header
      value = var.origin_verify_secret
    }

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id           = local.s3_origin_id
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.caching_optimized_policy_id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.this.id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.spa_rewrite.arn
    }
  }

  # The API: never cached, and every header but Host, every cookie and the query
  # string reach Django (Host must be API Gateway's own for it to route).
  dynamic "ordered_cache_behavior" {
    for_each = local.api_path_patterns_without_caching

    content {
      path_pattern               = ordered_cache_behavior.value
      target_origin_id           = local.api_origin_id
      viewer_protocol_policy     = "https-only"
      allowed_methods            = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
      cached_methods             = ["GET", "HEAD"]
      compress                   = true
      cache_policy_id            = local.caching_disabled_policy_id
      origin_request_policy_id   = local.all_viewer_except_host_header_policy_id
      response_headers_policy_id = aws_cloudfront_response_headers_policy.this.id
    }
  }

  # Django admin assets from WhiteNoise: long-lived hashed names, cached at the edge.
  ordered_cache_behavior {
    path_pattern               = "/static/*"
    target_origin_id           = local.api_origin_id
    viewer_protocol_policy     = "https-only"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.caching_optimized_policy_id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.this.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = var.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  tags = var.tags
}
