# The guide's terraform.tfvars with its defaults (Standard tier, up to about 1,000 endpoints).
# Replace the two placeholder IDs with your own: az account show --query "{tenant:tenantId, subscription:id}"
client_name           = "CustomerName"
azure_region          = "eastus"
azure_tenant_id       = "00000000-0000-0000-0000-000000000000"
azure_subscription_id = "00000000-0000-0000-0000-000000000000"
resource_group_name   = "SCWX-TDR-RG"

require_dedicated_cluster       = false
eventhub_tier                   = "Standard"
eventhub_throughput_allocated   = 2
eventhub_throughput_inflate_cap = 4
# eventhub_processing_units     = 8   # Premium only: 1, 2, 4, 8 or 16
eventhub_partition_count        = 4
data_retention_length           = 1
replacement_eventhub            = false
