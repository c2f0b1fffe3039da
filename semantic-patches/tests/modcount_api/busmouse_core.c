/* 2.4 drivers/char/busmouse.c-like core: pins the low-level driver */
#include <linux/module.h>

static int mouse_open(struct inode *inode, struct file *file)
{
	struct busmouse_data *mse;
	int ret = -ENODEV;

	down(&mouse_sem);
	mse = busmouse_data[MINOR(inode->i_rdev) - MOUSE_MINOR];
	if (!mse || !mse->ops)
		goto end;
	if (mse->ops->owner && !try_inc_mod_count(mse->ops->owner))
		goto end;
	ret = 0;
	if (mse->ops->open) {
		ret = mse->ops->open(inode, file);
		if (ret && mse->ops->owner)
			__MOD_DEC_USE_COUNT(mse->ops->owner);
	}
end:
	up(&mouse_sem);
	return ret;
}

static int mouse_release(struct inode *inode, struct file *file)
{
	struct busmouse_data *mse = file->private_data;

	down(&mouse_sem);
	if (mse->ops->release)
		mse->ops->release(inode, file);
	if (mse->ops->owner)
		__MOD_DEC_USE_COUNT(mse->ops->owner);
	up(&mouse_sem);
	return 0;
}
