static int foo_open(struct inode *inode, struct file *file)
{
#ifdef MODULE
#endif
	if (busy) {
#if defined(MODULE)

#endif
		return -EBUSY;
	}
#ifdef CONFIG_FOO
	foo_hw_init();
#endif
	return 0;
}
