/*
 * The last field of a table under #ifdef, with no comma after it: only
 * its designator is rewritten (spatch would print the #endif twice).
 */
static struct pci_driver vnet_driver = {
	name:		"vnet",
	id_table:	vnet_ids,
	probe:		vnet_probe,
#ifdef CONFIG_PM
	suspend:	vnet_suspend,
	resume:		vnet_resume
#endif /* CONFIG_PM */
};

static struct inode_operations vnet_stat_iops = {
#if LINUX_VERSION_CODE < 0x020363
	default_file_ops: &vnet_stat_fops	/* 2.2 */
#endif
};

static struct file_operations vnet_fops = {
	open:		vnet_open,
#ifdef VNET_DEBUG
	ioctl:		vnet_ioctl,
#endif
	release:	vnet_release
};
