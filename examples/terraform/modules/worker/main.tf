variable "name" {
  type = string
}

variable "queue" {
  type = string
}

resource "aws_iam_role" "this" {
  name = "worker-${var.name}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "this" {
  name   = "queue"
  role   = aws_iam_role.this.id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "Queue",
          "Effect": "Allow",
          "Action": ["sqs:*"],
          "Resource": "arn:aws:sqs:us-east-1:111122223333:${var.queue}"
        }
      ]
    }
  EOT
}
